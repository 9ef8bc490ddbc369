"""Hybrid logical clock: event stamps that sort causally across desks with imperfect clocks.

A stamp is one integer: ``physical_ms << 16 | counter``. It is never smaller than any stamp this
desk has made or seen, so an event recorded after another one was synced in always sorts after it,
even when the two desks' wall clocks disagree. A remote stamp from too far in the future (a desk
whose clock is set years ahead) is not adopted beyond ``max_future_ms`` of our own clock: one bad
clock must not drag every replica's stamps into the future for ever. The fold stays deterministic
either way, because it orders by (stamp, device, id).
"""

from __future__ import annotations

import time
from collections.abc import Callable

COUNTER_BITS = 16
_COUNTER_MASK = (1 << COUNTER_BITS) - 1
DEFAULT_MAX_FUTURE_MS = 60 * 60 * 1000


def wall_ms() -> int:
    """Milliseconds since the epoch, from the system clock."""
    return time.time_ns() // 1_000_000


def pack(physical_ms: int, counter: int = 0) -> int:
    """The stamp for a physical time and a counter."""
    return (physical_ms << COUNTER_BITS) | counter


def physical_ms(stamp: int) -> int:
    """The physical part of a stamp, in milliseconds since the epoch."""
    return stamp >> COUNTER_BITS


class HybridClock:
    """Hands out increasing stamps; ``observe`` folds in the stamps of events that arrive by sync."""

    def __init__(
        self,
        last: int = 0,
        now_ms: Callable[[], int] = wall_ms,
        max_future_ms: int = DEFAULT_MAX_FUTURE_MS,
    ) -> None:
        self._last = last
        self._now_ms = now_ms
        self._max_future_ms = max_future_ms

    @property
    def last(self) -> int:
        """The greatest stamp made or seen so far (what a store persists)."""
        return self._last

    def tick(self) -> int:
        """A new stamp for an event recorded here, greater than every stamp made or seen."""
        now = self._now_ms()
        last_physical = physical_ms(self._last)
        if now > last_physical:
            self._last = pack(now)
        else:
            counter = (self._last & _COUNTER_MASK) + 1
            if counter > _COUNTER_MASK:
                self._last = pack(last_physical + 1)
            else:
                self._last = pack(last_physical, counter)
        return self._last

    def observe(self, remote: int) -> bool:
        """Take in a stamp seen on a synced event; False when it was capped as too far ahead."""
        cap = pack(self._now_ms() + self._max_future_ms, _COUNTER_MASK)
        adopted = min(remote, cap)
        if adopted > self._last:
            self._last = adopted
        return remote <= cap
