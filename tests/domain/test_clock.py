"""Hybrid logical clock: stamps only go up, whatever the desk's wall clock does."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from hypothesis import given, strategies as st

from desk_app.domain.clock import (
    COUNTER_BITS,
    DEFAULT_MAX_FUTURE_MS,
    HybridClock,
    pack,
    physical_ms,
    wall_ms,
)

MASK = (1 << COUNTER_BITS) - 1
NOW = 1_764_123_300_000  # 2025-11-26 09:15 in Hà Nội, in ms since the epoch
INT64_MAX = 2**63 - 1


class FakeWall:
    """A wall clock the test sets by hand."""

    def __init__(self, ms: int = NOW) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def _ticks(clock: HybridClock, count: int) -> list[int]:
    return [clock.tick() for _ in range(count)]


def _strictly_increasing(stamps: list[int]) -> bool:
    return all(a < b for a, b in zip(stamps, stamps[1:], strict=False))


def test_stamp_packs_milliseconds_and_counter() -> None:
    stamp = pack(NOW, 5)
    assert physical_ms(stamp) == NOW
    assert stamp & MASK == 5
    assert pack(NOW, MASK) < pack(NOW + 1, 0)


def test_stamps_until_year_6000_fit_a_signed_64_bit_column() -> None:
    far = int(datetime(6000, 1, 1, tzinfo=UTC).timestamp() * 1000)
    assert pack(far, MASK) <= INT64_MAX


def test_first_tick_uses_the_wall_clock() -> None:
    clock = HybridClock(now_ms=FakeWall())
    assert clock.last == 0
    stamp = clock.tick()
    assert stamp == pack(NOW)
    assert clock.last == stamp


def test_default_clock_follows_the_system_time() -> None:
    before = time.time_ns() // 1_000_000
    stamp = HybridClock().tick()
    after = wall_ms()
    assert before <= physical_ms(stamp) <= after


def test_ticks_strictly_increase_under_a_frozen_clock() -> None:
    clock = HybridClock(now_ms=FakeWall())
    stamps = _ticks(clock, 1000)
    assert _strictly_increasing(stamps)
    assert {physical_ms(s) for s in stamps} == {NOW}
    assert stamps[-1] & MASK == 999


def test_ticks_strictly_increase_when_the_clock_goes_backwards() -> None:
    wall = FakeWall()
    clock = HybridClock(now_ms=wall)
    first = _ticks(clock, 3)
    wall.ms -= 3_600_000  # the clerk sets the clock back an hour
    second = _ticks(clock, 3)
    assert _strictly_increasing(first + second)
    assert all(physical_ms(s) == NOW for s in second)


def test_clock_catches_up_with_the_wall_once_it_moves_past_the_last_stamp() -> None:
    wall = FakeWall()
    clock = HybridClock(now_ms=wall)
    _ticks(clock, 5)
    wall.ms += 1
    assert clock.tick() == pack(NOW + 1)


def test_counter_overflow_moves_to_the_next_millisecond() -> None:
    clock = HybridClock(last=pack(NOW, MASK - 1), now_ms=FakeWall())
    assert clock.tick() == pack(NOW, MASK)
    assert clock.tick() == pack(NOW + 1, 0)
    assert clock.tick() == pack(NOW + 1, 1)


def test_a_full_counter_of_ticks_under_a_frozen_clock_stays_increasing() -> None:
    clock = HybridClock(now_ms=FakeWall())
    stamps = _ticks(clock, MASK + 10)
    assert _strictly_increasing(stamps)
    assert physical_ms(stamps[-1]) == NOW + 1


def test_clock_resumes_after_the_persisted_last_stamp() -> None:
    persisted = pack(NOW + 5000, 42)  # saved by a run when the wall clock was ahead
    clock = HybridClock(last=persisted, now_ms=FakeWall())
    assert clock.tick() == persisted + 1


def test_observed_remote_stamp_makes_the_next_tick_greater() -> None:
    clock = HybridClock(now_ms=FakeWall())
    clock.tick()
    remote = pack(NOW + 30_000, 7)  # another desk, 30 s ahead
    assert clock.observe(remote) is True
    assert clock.last == remote
    assert clock.tick() > remote


def test_observing_an_older_stamp_changes_nothing() -> None:
    clock = HybridClock(now_ms=FakeWall())
    mine = clock.tick()
    assert clock.observe(pack(NOW - 60_000)) is True
    assert clock.last == mine
    assert clock.tick() == mine + 1


def test_remote_stamp_far_in_the_future_is_capped_and_reported() -> None:
    clock = HybridClock(now_ms=FakeWall(), max_future_ms=DEFAULT_MAX_FUTURE_MS)
    year_ahead = pack(NOW + 365 * 24 * 3_600_000)
    assert clock.observe(year_ahead) is False
    cap = pack(NOW + DEFAULT_MAX_FUTURE_MS, MASK)
    assert clock.last == cap
    stamp = clock.tick()
    assert cap < stamp < year_ahead
    assert physical_ms(stamp) <= NOW + DEFAULT_MAX_FUTURE_MS + 1


def test_remote_stamp_just_within_the_allowed_drift_is_adopted() -> None:
    clock = HybridClock(now_ms=FakeWall(), max_future_ms=60_000)
    edge = pack(NOW + 60_000, MASK)
    assert clock.observe(edge) is True
    assert clock.last == edge
    assert clock.observe(edge + 1) is False


def test_default_allowed_drift_is_one_hour() -> None:
    assert DEFAULT_MAX_FUTURE_MS == 3_600_000


_steps = st.lists(
    st.one_of(
        st.tuples(st.just("tick"), st.just(0)),
        st.tuples(st.just("wall"), st.integers(-10 * 3_600_000, 10 * 3_600_000)),
        st.tuples(st.just("observe"), st.integers(-2 * 3_600_000, 2 * 3_600_000)),
    ),
    max_size=60,
)


@given(steps=_steps, counter=st.integers(0, MASK))
def test_ticks_exceed_every_stamp_made_or_adopted_whatever_the_wall_clock_does(
    steps: list[tuple[str, int]], counter: int
) -> None:
    wall = FakeWall()
    clock = HybridClock(now_ms=wall)
    highest = 0
    for action, amount in steps:
        if action == "wall":
            wall.ms = NOW + amount
        elif action == "observe":
            remote = pack(wall.ms + amount, counter)
            within = clock.observe(remote)
            cap = pack(wall.ms + DEFAULT_MAX_FUTURE_MS, MASK)
            assert within is (remote <= cap)
            highest = max(highest, min(remote, cap))
        else:
            stamp = clock.tick()
            assert stamp > highest
            highest = stamp
        assert clock.last >= highest


@pytest.mark.parametrize("start", [0, pack(NOW - 1), pack(NOW, MASK), pack(NOW + 10**6, 3)])
def test_tick_is_always_greater_than_the_starting_stamp(start: int) -> None:
    clock = HybridClock(last=start, now_ms=FakeWall())
    assert clock.tick() > start
