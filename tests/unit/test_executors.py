"""The in-process executor runs a two-phase function's first phase one item ahead, in a thread, and hands back
results in order; errors of either phase reach the caller of that item."""

from __future__ import annotations

import threading

import pytest

from newsdesk.executors import InProcess


class TwoPhase:
    def __init__(self) -> None:
        self.log: list[tuple[str, int, str]] = []
        self.first_started = {k: threading.Event() for k in range(5)}

    def first(self, item: int, scale: int) -> tuple[int, int]:
        self.first_started[item].set()
        self.log.append(("first", item, threading.current_thread().name))
        if item == 3:
            raise ValueError("unreadable input 3")
        return item, scale

    def second(self, state: tuple[int, int]) -> int:
        item, scale = state
        self.log.append(("second", item, threading.current_thread().name))
        return item * scale

    def __call__(self, item: int, scale: int) -> int:
        return self.second(self.first(item, scale))


def test_first_phase_runs_one_item_ahead_in_a_thread_and_results_keep_their_order() -> None:
    fn = TwoPhase()
    work = InProcess().map_ordered(fn, range(3), 10)
    w0 = next(work)
    assert fn.first_started[1].wait(5)  # item 1 is being cleaned before item 0 is even enriched
    assert not fn.first_started[2].is_set()  # never more than one item ahead
    results = [w0()] + [w() for w in work]
    assert results == [0, 10, 20]
    firsts = [t for kind, _, t in fn.log if kind == "first"]
    seconds = [t for kind, _, t in fn.log if kind == "second"]
    assert all(t.startswith("newsdesk-read-clean") for t in firsts)
    assert all(t == threading.current_thread().name for t in seconds)


def test_an_error_in_the_first_phase_reaches_the_caller_of_that_item_only() -> None:
    fn = TwoPhase()
    work = InProcess().map_ordered(fn, range(5), 2)
    got = []
    for w in work:
        try:
            got.append(w())
        except ValueError as exc:
            got.append(str(exc))
    assert got == [0, 2, 4, "unreadable input 3", 8]


def test_without_overlap_or_phases_items_run_here_in_order() -> None:
    fn = TwoPhase()
    assert [w() for w in InProcess(overlap=False).map_ordered(fn, range(3), 3)] == [0, 3, 6]
    assert {t for _, _, t in fn.log} == {threading.current_thread().name}
    assert [w() for w in InProcess().map_ordered(lambda x: x + 1, [1, 2])] == [2, 3]


def test_warm_up_runs_here_while_the_first_item_is_read_in_the_thread() -> None:
    fn = TwoPhase()
    seen: dict[str, object] = {}

    def warm() -> None:
        # the models load in the caller's thread while the first item is in its first phase, not before or after it
        seen["first_running"] = fn.first_started[0].wait(5)
        seen["thread"] = threading.current_thread().name

    work = InProcess(warm=warm).map_ordered(fn, range(2), 1)
    results = [w() for w in work]
    assert results == [0, 1]
    assert seen == {"first_running": True, "thread": threading.current_thread().name}


def test_process_batch_is_two_phased_and_pickles_by_reference() -> None:
    import pickle

    from newsdesk import pipeline

    assert pipeline.process_batch.first is pipeline.read_and_clean
    assert pipeline.process_batch.second is pipeline.enrich_and_validate
    assert pickle.loads(pickle.dumps(pipeline.process_batch)) is pipeline.process_batch
    with pytest.raises(TypeError):
        pipeline.process_batch()  # type: ignore[call-arg]
