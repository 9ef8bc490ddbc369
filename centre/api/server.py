"""Serving the centre with several worker processes that share the load evenly.

uvicorn's own ``--workers`` hands one listening socket to every worker; when 200 desks connect at
once, the first worker to wake accepts nearly all of them (asyncio accepts up to ``backlog``
connections per wake-up) and the other core idles. Here each worker binds its own socket on the same
port with ``SO_REUSEPORT``, and the kernel spreads new connections across them. Where the option is
missing (not Linux), uvicorn's own workers are used.
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
import sys
from multiprocessing.synchronize import Barrier
from threading import BrokenBarrierError
from types import FrameType

APP = "centre.api.main:app_from_env"
READY_TIMEOUT = 60.0


def serve(host: str, port: int, workers: int) -> None:
    """Run the centre on ``host:port`` with ``workers`` processes; returns when stopped (SIGTERM, Ctrl-C)."""
    import uvicorn

    if workers <= 1 or not hasattr(socket, "SO_REUSEPORT"):
        uvicorn.run(APP, factory=True, host=host, port=port, workers=workers)
        return
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(workers)
    processes = [context.Process(target=_worker, args=(host, port, ready), daemon=True) for _ in range(workers)]
    for process in processes:
        process.start()

    def stop(_signum: int, _frame: FrameType | None) -> None:
        for process in processes:
            if process.is_alive():
                process.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for process in processes:
        process.join()
    if any(process.exitcode not in (0, -signal.SIGTERM) for process in processes):
        sys.exit(1)


def _worker(host: str, port: int, ready: Barrier) -> None:
    """One worker process: its own socket on the shared port, one uvicorn server on it.

    The application is loaded first, then the workers wait for each other: a socket joins the
    port's group only when it listens, and a worker that listened while another was still loading
    would get every connection made meanwhile (200 desks at once all on one core)."""
    import uvicorn

    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    config = uvicorn.Config(APP, factory=True, host=host, port=port)
    config.load()
    try:
        ready.wait(timeout=READY_TIMEOUT)
    except BrokenBarrierError:
        pass  # another worker did not come up in time: serve anyway
    uvicorn.Server(config).run(sockets=[sock])
