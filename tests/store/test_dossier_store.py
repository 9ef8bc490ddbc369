"""The local dossier store: one transaction per save, search on folded text, nothing half-written."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from desk_app.domain.citizen_card import Gender
from desk_app.domain.errors import DeskError, InvalidIdNumber, InvalidInput, UnknownProcedure
from desk_app.domain.events import EventKind, Status
from desk_app.domain.intake import IntakeForm, PaperReceived, Person
from desk_app.domain.lifecycle import fold
from desk_app.services.desk import Desk
from desk_app.store import dossiers as dossier_store
from desk_app.store.dossier_rows import DOSSIER_COLUMNS, dossier_values
from desk_app.store.search import DossierQuery
from tests.domain.factories import DESK_B, received, then

RECEIVED_AT = datetime(2026, 11, 26, 9, 15)


def _form(name: str = "Nguyễn Văn Đức", id_number: str = "001090123456", **changes: object) -> IntakeForm:
    values: dict[str, object] = {
        "applicant": Person(
            full_name=name,
            id_number=id_number,
            birth_date=date(1990, 1, 1),
            gender=Gender.MALE,
            address="Thôn Đông, xã Đông Sơn, tỉnh Thanh Hóa",
            phone="0912345678",
        ),
        "procedure_code": "2.000815",
        "papers": (PaperReceived("Bản chính giấy khai sinh", 1, 2),),
        "copies": 2,
        "pages": 3,
    }
    values.update(changes)
    return IntakeForm(**values)  # type: ignore[arg-type]


def _counts(desk: Desk) -> tuple[int, int, int]:
    with desk.db.read() as connection:
        return tuple(  # type: ignore[return-value]
            connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
            for table in ("events", "dossiers", "dossier_search")
        )


def test_connections_use_wal_full_sync_foreign_keys_and_a_busy_timeout(desk: Desk) -> None:
    with desk.db.write() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") >= 5000


def test_receiving_writes_the_event_the_dossier_row_and_its_search_entry(desk: Desk) -> None:
    received = desk.receive(_form(), "canbo1", now=RECEIVED_AT)
    assert _counts(desk) == (1, 1, 1)
    assert received.state.status is Status.RECEIVED
    assert received.state.code == "000.00.99.H99-261126-0001"
    rows = desk.find(DossierQuery(text="nguyen van duc"))
    assert [r.code for r in rows] == [received.state.code]
    assert rows[0].applicant_name == "Nguyễn Văn Đức"


def test_codes_follow_the_day_and_the_desk_slice_and_are_never_reissued(desk: Desk) -> None:
    codes = [desk.receive(_form(), "canbo1", now=RECEIVED_AT).state.code for _ in range(3)]
    assert codes == [f"000.00.99.H99-261126-000{n}" for n in (1, 2, 3)]
    with pytest.raises(InvalidInput):
        desk.receive(_form(name="X" * 101), "canbo1", now=RECEIVED_AT)
    assert desk.receive(_form(), "canbo1", now=RECEIVED_AT).state.code.endswith("-0004")
    assert desk.receive(_form(), "canbo1", now=datetime(2026, 11, 27, 8)).state.code.endswith("-261127-0001")


def test_a_second_desk_numbers_from_its_own_slice(desk: Desk) -> None:
    profile = desk.require_profile()
    desk.set_up(type(profile)(**{**profile.__dict__, "desk_number": 2}))
    assert desk.receive(_form(), "canbo2", now=RECEIVED_AT).state.code.endswith("-261126-1001")


def test_a_failure_inside_the_save_leaves_nothing_behind(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_search_text(state: object) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr(dossier_store, "search_text", broken_search_text)
    with pytest.raises(RuntimeError):
        desk.receive(_form(), "canbo1", now=RECEIVED_AT)
    monkeypatch.undo()
    assert _counts(desk) == (0, 0, 0)
    assert desk.receive(_form(), "canbo1", now=RECEIVED_AT).state.code.endswith("-0001")


@pytest.mark.parametrize(
    ("form", "error"),
    [
        (_form(procedure_code="9.999999"), UnknownProcedure),
        (_form(id_number="001190123456"), InvalidIdNumber),  # century digit says 21st century
        (_form(name="N" * 101), InvalidInput),
        (_form(name=""), InvalidInput),
        (_form(applicant=Person("Lê Thị Hoa", "001330123456", date(2030, 1, 1), Gender.FEMALE)), InvalidInput),
        (_form(due_override=datetime(2026, 12, 1, 9), due_override_reason=""), InvalidInput),
        (_form(pages=0), InvalidInput),
    ],
    ids=[
        "unknown-procedure",
        "id-disagrees",
        "name-too-long",
        "name-empty",
        "born-in-future",
        "due-no-reason",
        "pages",
    ],
)
def test_bad_input_gets_a_clear_message_and_writes_nothing(desk: Desk, form: IntakeForm, error: type) -> None:
    with pytest.raises(error) as caught:
        desk.receive(form, "canbo1", now=RECEIVED_AT)
    assert isinstance(caught.value, DeskError)
    assert caught.value.message and caught.value.english
    assert _counts(desk) == (0, 0, 0)


def test_a_changed_due_date_is_stored_with_its_reason(desk: Desk) -> None:
    new_due = datetime(2026, 11, 30, 10)
    state = desk.receive(
        _form(due_override=new_due, due_override_reason="Chờ xác minh"), "canbo1", now=RECEIVED_AT
    ).state
    assert state.due_at == new_due
    assert state.received["due_reason"] == "Chờ xác minh"
    assert state.received["computed_due_at"] == "2026-11-26T17:00:00"


def test_search_finds_by_code_id_number_phone_and_toneless_name_fragments(desk: Desk) -> None:
    first = desk.receive(_form(), "canbo1", now=RECEIVED_AT).state
    huong = Person("Đặng Thị Thu Hương", "038185000123", date(1985, 5, 5), Gender.FEMALE, phone="0387654321")
    second = desk.receive(_form(applicant=huong), "canbo1", now=RECEIVED_AT).state
    find = lambda text: [r.code for r in desk.find(DossierQuery(text=text))]  # noqa: E731
    assert find(first.code) == [first.code]
    assert find("038185000123") == [second.code]
    assert find("0387654321") == [second.code]
    assert find("dang thi thu h") == [second.code]
    assert find("DANG THỊ") == [second.code]
    assert find("nguyen") == [first.code]
    assert find("nguyen duc") == [first.code]
    assert find("hu") == [second.code]  # "huong"; the first dossier has no word starting with "hu"
    assert find("zzz") == []
    assert find("!!!") == []
    assert find("") == [second.code, first.code]  # newest first


def test_search_text_over_the_limit_is_refused(desk: Desk) -> None:
    with pytest.raises(InvalidInput):
        desk.find(DossierQuery(text="a" * 201))


def test_a_correction_updates_the_row_and_the_search_entry_in_the_same_save(desk: Desk) -> None:
    state = desk.receive(_form(), "canbo1", now=RECEIVED_AT).state
    desk.record(
        state.dossier_id,
        EventKind.DETAILS_CORRECTED,
        {"field": "applicant_name", "old": "Nguyễn Văn Đức", "new": "Nguyễn Văn Được"},
        "canbo1",
    )
    assert [r.code for r in desk.find(DossierQuery(text="nguyen van duoc"))] == [state.code]
    assert desk.find(DossierQuery(text="nguyen van duc ")) == []
    assert _counts(desk) == (2, 1, 1)


def test_an_action_the_status_forbids_is_refused_and_writes_nothing(desk: Desk) -> None:
    state = desk.receive(_form(), "canbo1", now=RECEIVED_AT).state
    with pytest.raises(DeskError) as caught:
        desk.record(state.dossier_id, EventKind.RESULT_RETURNED, {"rating": "Hài lòng"}, "canbo1")
    assert "Được tiếp nhận" in caught.value.message
    assert _counts(desk) == (1, 1, 1)


def test_a_late_older_event_is_folded_into_place(desk: Desk) -> None:
    state = desk.receive(_form(), "canbo1", now=RECEIVED_AT).state
    desk.record(state.dossier_id, EventKind.TRANSFERRED, {"to_unit": "Tư pháp"}, "canbo1")
    desk.record(state.dossier_id, EventKind.RESULT_RECEIVED, {}, "canbo1")
    result = desk.dossier(state.code)
    assert result is not None
    folded, events = result
    assert folded.status is Status.RESULT_READY
    assert [e.kind for e in events] == [EventKind.RECEIVED, EventKind.TRANSFERRED, EventKind.RESULT_RECEIVED]
    assert [e.device_seq for e in events] == [1, 2, 3]
    assert len({e.hlc for e in events}) == 3


def test_open_data_folders_live_side_by_side(tmp_path: Path) -> None:
    one, two = Desk.open(tmp_path / "a"), Desk.open(tmp_path / "b")
    one.ensure_demo_unit()
    assert two.profile() is None
    assert one.require_profile().device_id
    one.close()
    two.close()


def test_today_figures_count_received_due_overdue_and_waiting(desk: Desk) -> None:
    early = desk.receive(_form(), "canbo1", now=datetime(2026, 11, 25, 8)).state
    desk.receive(_form(), "canbo1", now=RECEIVED_AT)
    done = desk.receive(_form(), "canbo1", now=RECEIVED_AT).state
    desk.record(done.dossier_id, EventKind.RESULT_RECEIVED, {}, "canbo1")
    figures = desk.today_figures(now=datetime(2026, 11, 26, 10))
    assert figures == {"received_today": 2, "due_today": 1, "overdue": 1, "to_return": 1}
    assert early.code.endswith("-261125-0001")


def test_refreshing_many_dossiers_at_once_leaves_each_row_and_search_entry_as_its_events_say(desk: Desk) -> None:
    later = desk.receive(_form(name="Trần Thị Lan", id_number="001090000001"), "canbo1", now=RECEIVED_AT).state
    renamed = desk.receive(_form(name="Lê Văn Hùng", id_number="001090000002"), "canbo1", now=RECEIVED_AT).state
    with desk.db.read() as connection:
        held = {d: dossier_store.events_of(connection, d) for d in (later.dossier_id, renamed.dossier_id)}
    arriving = received(code="000.17.22.H56-261126-0900", applicant_name="Phạm Minh Đạo", device=DESK_B)
    no_receipt_yet = then(EventKind.TRANSFERRED, received(device=DESK_B), device_seq=2)
    new_events = [
        then(EventKind.TRANSFERRED, held[later.dossier_id][-1], device=DESK_B, device_seq=3),
        then(
            EventKind.DETAILS_CORRECTED,
            held[renamed.dossier_id][-1],
            {"field": "applicant_name", "old": "Lê Văn Hùng", "new": "Lê Văn Hoàng"},
            device=DESK_B,
            device_seq=4,
        ),
        replace(arriving, device_seq=5),
        no_receipt_yet,
    ]
    with desk.db.write() as connection:
        connection.exec_driver_sql(
            dossier_store.INSERT_OWN_EVENT, [dossier_store.own_event_values(e) for e in new_events]
        )
        states = dossier_store.refresh(connection, [e.dossier_id for e in new_events])
    assert states[no_receipt_yet.dossier_id] is None
    assert {d for d, s in states.items() if s is not None} == {
        later.dossier_id,
        renamed.dossier_id,
        arriving.dossier_id,
    }
    with desk.db.read() as connection:
        for dossier_id, state in states.items():
            if state is not None:
                assert state == fold(dossier_store.events_of(connection, dossier_id))
                row = connection.exec_driver_sql(
                    f"SELECT {', '.join(DOSSIER_COLUMNS)} FROM dossiers WHERE id = ?", (dossier_id,)
                ).one()
                assert tuple(row) == dossier_values(state)
    assert [r.id for r in desk.find(DossierQuery(text="tran thi lan"))] == [later.dossier_id]
    assert [r.id for r in desk.find(DossierQuery(text="le van hoang"))] == [renamed.dossier_id]
    assert desk.find(DossierQuery(text="hung")) == []  # the old name's entry is gone
    assert [r.id for r in desk.find(DossierQuery(text="pham minh dao"))] == [arriving.dossier_id]
    assert _counts(desk) == (6, 3, 3)
