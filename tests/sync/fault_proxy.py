"""A fault-injecting HTTP proxy on loopback, between desks and the centre, for the convergence tests.

It reads each HTTP/1.1 request whole (head and ``Content-Length`` body), and — while faults are on —
does one of these to it, drawn from a seeded random generator:

``drop_request``  close the connection without forwarding (the centre never hears of it)
``drop_answer``   forward, let the centre commit, then close without answering (the answer is lost)
``cut_answer``    forward, then send only part of the answer and close (cut in the middle of the body)
``delay``         wait before forwarding (past the desk's read timeout sometimes: a late duplicate)
``error_5xx``     answer 502/503 itself without forwarding
``duplicate``     forward the same request twice (the centre sees a repeat), answer with the second

Bounded and self-stopping: faults stop after ``max_faults`` or ``active_for`` seconds (or
``stop_faults()``), and the proxy closes itself after ``lifetime`` seconds whatever happens. It
listens on 127.0.0.1 only and forwards to 127.0.0.1 only. Each forwarded request goes over a fresh
upstream connection with ``Connection: close``, so the answer is read up to the end of the stream.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import threading
import time
from collections import Counter
from collections.abc import Sequence

FAULTS = ("drop_request", "drop_answer", "cut_answer", "delay", "error_5xx", "duplicate")
LOOPBACK = "127.0.0.1"
_MAX_HEAD = 64 * 1024
_MAX_BODY = 16 * 1024 * 1024


class FaultProxy:
    """A loopback proxy that injects faults into the requests it forwards (see the module docstring)."""

    def __init__(
        self,
        upstream_port: int,
        *,
        seed: int = 0,
        fault_rate: float = 0.4,
        faults: Sequence[str] = FAULTS,
        max_faults: int = 100,
        active_for: float = 60.0,
        lifetime: float = 300.0,
        max_delay: float = 1.0,
    ) -> None:
        unknown = set(faults) - set(FAULTS)
        if unknown:
            raise ValueError(f"unknown faults {sorted(unknown)}")
        self.upstream_port = upstream_port
        self.fault_rate = fault_rate
        self.faults = tuple(faults)
        self.max_faults = max_faults
        self.active_for = active_for
        self.lifetime = lifetime
        self.max_delay = max_delay
        self.counts: Counter[str] = Counter()
        self.forwarded = 0
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._faults_on = True
        self._started = 0.0
        self._port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.AbstractServer | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()

    @property
    def url(self) -> str:
        """The proxy's base URL."""
        return f"http://{LOOPBACK}:{self._port}"

    # -- life --------------------------------------------------------------------------------------

    def start(self) -> FaultProxy:
        """Start serving on a free loopback port (in a daemon thread)."""
        self._started = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="fault-proxy", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the fault proxy did not start")
        return self

    def stop_faults(self) -> None:
        """From now on, forward every request untouched."""
        self._faults_on = False

    def stop(self) -> None:
        """Close the proxy and wait for its thread."""
        loop = self._loop
        if loop is not None and loop.is_running():
            loop.call_soon_threadsafe(self._close)
        if self._thread is not None:
            self._thread.join(timeout=10)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._serve())
            loop.run_until_complete(_drain())
        finally:
            loop.close()

    async def _serve(self) -> None:
        self._server = await asyncio.start_server(self._handle, LOOPBACK, 0)
        self._port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        loop = asyncio.get_running_loop()
        loop.call_later(self.lifetime, self._close)  # self-stopping, whatever the test does
        with contextlib.suppress(asyncio.CancelledError):
            await self._server.serve_forever()

    def _close(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in asyncio.all_tasks(self._loop):
            task.cancel()

    # -- faults ------------------------------------------------------------------------------------

    def _draw(self) -> str:
        with self._lock:
            active = (
                self._faults_on
                and time.monotonic() - self._started < self.active_for
                and sum(self.counts.values()) < self.max_faults
            )
            if not active or self._rng.random() >= self.fault_rate:
                self.forwarded += 1
                return "pass"
            fault = self._rng.choice(self.faults)
            self.counts[fault] += 1
            return fault

    def _uniform(self, low: float, high: float) -> float:
        with self._lock:
            return self._rng.uniform(low, high)

    # -- HTTP --------------------------------------------------------------------------------------

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                request = await _read_request(reader)
                if request is None:
                    return
                if not await self._answer(request, writer):
                    return
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            return
        finally:
            writer.close()  # no await here: a task cancelled at shutdown must end without suspending again

    async def _answer(self, request: bytes, writer: asyncio.StreamWriter) -> bool:
        """Serve one request; False when the client connection must be closed."""
        fault = self._draw()
        if fault == "drop_request":
            return False
        if fault == "error_5xx":
            status = "503 Service Unavailable" if self._uniform(0, 1) < 0.5 else "502 Bad Gateway"
            body = b"<html><body>Proxy error</body></html>"
            head = f"HTTP/1.1 {status}\r\nContent-Type: text/html\r\nContent-Length: {len(body)}\r\n"
            writer.write(head.encode() + b"Connection: close\r\n\r\n" + body)
            await writer.drain()
            return False
        if fault == "delay":
            await asyncio.sleep(self._uniform(0.05, self.max_delay))
        answer = await self._forward(request)
        if fault == "duplicate":
            answer = await self._forward(request)
        if fault == "drop_answer":
            return False
        if fault == "cut_answer":
            writer.write(answer[: int(len(answer) * self._uniform(0.1, 0.9))])
            await writer.drain()
            return False
        writer.write(answer)
        await writer.drain()
        return not _closes(answer)

    async def _forward(self, request: bytes) -> bytes:
        reader, writer = await asyncio.open_connection(LOOPBACK, self.upstream_port)
        try:
            writer.write(request)
            await writer.drain()
            return await reader.read(-1)
        finally:
            writer.close()


async def _drain() -> None:
    """Let every cancelled connection task finish before the loop closes."""
    current = asyncio.current_task()
    await asyncio.gather(*(t for t in asyncio.all_tasks() if t is not current), return_exceptions=True)


async def _read_request(reader: asyncio.StreamReader) -> bytes | None:
    """One whole request with ``Connection: close`` put in its head; None at the end of the stream."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    if len(head) > _MAX_HEAD:
        raise ValueError("request head too large")
    lines = head[:-4].split(b"\r\n")
    kept = [lines[0]]
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        key = name.strip().lower()
        if key == b"connection":
            continue
        if key == b"content-length":
            length = int(value.strip())
        kept.append(line)
    if length > _MAX_BODY:
        raise ValueError("request body too large")
    body = await reader.readexactly(length) if length else b""
    return b"\r\n".join([*kept, b"Connection: close"]) + b"\r\n\r\n" + body


def _closes(answer: bytes) -> bool:
    head = answer.split(b"\r\n\r\n", 1)[0].lower()
    return b"connection: close" in head
