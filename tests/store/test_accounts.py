"""Accounts: argon2id hashes, roles, password policy, lockout after 5 failures (persisted), migration 0002."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from alembic import command

from desk_app.domain.errors import DeskError, InvalidInput
from desk_app.services.accounts import (
    DEMO_PASSWORD,
    DEMO_USERNAME,
    LOCK_DURATION,
    MAX_FAILURES,
    LoginRefused,
    Role,
    accounts,
    create_account,
    ensure_demo_account,
    has_accounts,
    log_in,
    set_password,
    unlock,
)
from desk_app.services.desk import Desk
from desk_app.services.unit import UnitProfile
from desk_app.store.database import DATABASE_FILE
from desk_app.store.migrate import alembic_config, current_revision, head_revision, upgrade

NOW = datetime(2026, 11, 26, 9, 0)
PASSWORD = "Mật-khẩu-2026"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder migrated and seeded once; each test copies it."""
    folder = tmp_path_factory.mktemp("template")
    Desk.open(folder).close()
    return folder


@pytest.fixture
def desk(template: Path, tmp_path: Path) -> Iterator[Desk]:
    """A fresh desk (copy of the template) with one clerk account."""
    folder = tmp_path / "desk"
    shutil.copytree(template, folder)
    opened = Desk.open(folder)
    create_account(opened, "tuan.lm", "Lê Minh Tuấn", "clerk", PASSWORD, now=NOW)
    yield opened
    opened.close()


def _fail(desk: Desk, times: int, now: datetime = NOW) -> list[str]:
    messages = []
    for _ in range(times):
        with pytest.raises(LoginRefused) as refused:
            log_in(desk, "tuan.lm", "sai-mat-khau", now=now)
        messages.append(refused.value.message)
    return messages


def test_password_is_stored_as_an_argon2id_hash(desk: Desk) -> None:
    with sqlite3.connect(desk.db.path) as connection:
        (stored,) = connection.execute("SELECT password_hash FROM accounts WHERE username = 'tuan.lm'").fetchone()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_right_password_signs_in_with_name_and_role(desk: Desk) -> None:
    account = log_in(desk, "  Tuan.LM ", PASSWORD, now=NOW)
    assert (account.username, account.full_name, account.role) == ("tuan.lm", "Lê Minh Tuấn", Role.CLERK)


def test_wrong_password_is_refused_in_vietnamese_and_english(desk: Desk) -> None:
    with pytest.raises(LoginRefused) as refused:
        log_in(desk, "tuan.lm", "mat-khau-sai", now=NOW)
    assert refused.value.message == "Sai tên đăng nhập hoặc mật khẩu."
    assert refused.value.english == "Wrong user name or password."


def test_unknown_user_gets_the_same_answer_as_a_wrong_password(desk: Desk) -> None:
    with pytest.raises(LoginRefused) as refused:
        log_in(desk, "khong.co", PASSWORD, now=NOW)
    assert refused.value.message == "Sai tên đăng nhập hoặc mật khẩu."


def test_fifth_wrong_password_locks_the_account_even_for_the_right_one(desk: Desk) -> None:
    messages = _fail(desk, MAX_FAILURES)
    assert all(m == "Sai tên đăng nhập hoặc mật khẩu." for m in messages[:-1])
    assert "bị khóa đến 09:15" in messages[-1]
    with pytest.raises(LoginRefused, match="bị khóa"):
        log_in(desk, "tuan.lm", PASSWORD, now=NOW + timedelta(minutes=14))


def test_four_wrong_passwords_then_the_right_one_clear_the_count(desk: Desk) -> None:
    _fail(desk, MAX_FAILURES - 1)
    log_in(desk, "tuan.lm", PASSWORD, now=NOW)
    _fail(desk, MAX_FAILURES - 1)
    assert log_in(desk, "tuan.lm", PASSWORD, now=NOW).username == "tuan.lm"


def test_lock_lifts_after_fifteen_minutes(desk: Desk) -> None:
    _fail(desk, MAX_FAILURES)
    assert log_in(desk, "tuan.lm", PASSWORD, now=NOW + LOCK_DURATION + timedelta(seconds=1)).username == "tuan.lm"


def test_lock_survives_a_restart_of_the_desk(desk: Desk) -> None:
    _fail(desk, MAX_FAILURES)
    folder = desk.data_dir
    desk.close()
    reopened = Desk.open(folder)
    try:
        with pytest.raises(LoginRefused, match="bị khóa"):
            log_in(reopened, "tuan.lm", PASSWORD, now=NOW + timedelta(minutes=5))
    finally:
        reopened.close()


def test_failures_counted_before_a_restart_still_count_after_it(desk: Desk) -> None:
    _fail(desk, MAX_FAILURES - 1)
    folder = desk.data_dir
    desk.close()
    reopened = Desk.open(folder)
    try:
        assert "bị khóa" in _fail(reopened, 1)[0]
    finally:
        reopened.close()


def test_admin_unlock_and_new_password_lift_the_lock(desk: Desk) -> None:
    _fail(desk, MAX_FAILURES)
    unlock(desk, "tuan.lm")
    assert log_in(desk, "tuan.lm", PASSWORD, now=NOW).role is Role.CLERK
    _fail(desk, MAX_FAILURES)
    set_password(desk, "tuan.lm", "mật khẩu mới 2027")
    assert log_in(desk, "tuan.lm", "mật khẩu mới 2027", now=NOW).username == "tuan.lm"


def test_roles_are_clerk_leader_admin_and_nothing_else(desk: Desk) -> None:
    create_account(desk, "hoa.nt", "Nguyễn Thị Hoa", "leader", PASSWORD)
    create_account(desk, "admin", "Đặng Văn Đức", "admin", PASSWORD)
    with pytest.raises(InvalidInput, match="Vai trò"):
        create_account(desk, "khach", "Khách", "guest", PASSWORD)
    assert {a.username: a.role for a in accounts(desk)} == {
        "admin": Role.ADMIN,
        "hoa.nt": Role.LEADER,
        "tuan.lm": Role.CLERK,
    }
    assert Role.LEADER.label_vi == "Lãnh đạo"


def test_password_shorter_than_eight_characters_is_refused(desk: Desk) -> None:
    with pytest.raises(InvalidInput) as refused:
        create_account(desk, "hoa.nt", "Nguyễn Thị Hoa", "clerk", "1234567")
    assert refused.value.message == "Mật khẩu phải có ít nhất 8 ký tự"
    assert [a.username for a in accounts(desk)] == ["tuan.lm"]


def test_user_name_taken_or_malformed_is_refused(desk: Desk) -> None:
    with pytest.raises(InvalidInput, match="đã có người dùng"):
        create_account(desk, "TUAN.LM", "Lê Minh Tuấn", "clerk", PASSWORD)
    with pytest.raises(InvalidInput, match="không hợp lệ"):
        create_account(desk, "tuấn", "Lê Minh Tuấn", "clerk", PASSWORD)


def test_has_accounts_is_false_on_a_new_desk(template: Path, tmp_path: Path) -> None:
    shutil.copytree(template, tmp_path / "new")
    fresh = Desk.open(tmp_path / "new")
    try:
        assert not has_accounts(fresh)
        create_account(fresh, "admin", "Quản Trị Viên", "admin", PASSWORD)
        assert has_accounts(fresh)
    finally:
        fresh.close()


def test_migration_0001_to_0002_keeps_data_and_adds_accounts(tmp_path: Path) -> None:
    db_path = tmp_path / DATABASE_FILE
    command.upgrade(alembic_config(db_path), "0001")
    with sqlite3.connect(db_path) as connection:
        connection.execute("INSERT INTO settings(key, value) VALUES ('unit', '\"Xã Đông Sơn\"')")
        connection.execute("INSERT INTO counters(name, value) VALUES ('device_seq', 41)")
    saved = upgrade(db_path, tmp_path / "backups")
    assert saved is not None and saved.exists()
    assert current_revision(db_path) == head_revision()
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT value FROM settings WHERE key = 'unit'").fetchone() == ('"Xã Đông Sơn"',)
        assert connection.execute("SELECT value FROM counters").fetchall() == [(41,)]
        columns = {row[1] for row in connection.execute("PRAGMA table_info(accounts)")}
    assert columns == {
        "username",
        "full_name",
        "role",
        "password_hash",
        "failed_attempts",
        "locked_until",
        "active",
        "created_at",
    }
    command.downgrade(alembic_config(db_path), "0001")
    with sqlite3.connect(db_path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert connection.execute("SELECT value FROM counters").fetchall() == [(41,)]
    assert "accounts" not in tables


def test_demo_clerk_counts_and_signs_in_only_on_the_demo_unit(template: Path, tmp_path: Path) -> None:
    shutil.copytree(template, tmp_path / "demo")
    folder = Desk.open(tmp_path / "demo")
    try:
        folder.ensure_demo_unit()
        ensure_demo_account(folder)
        assert has_accounts(folder)
        assert log_in(folder, DEMO_USERNAME, DEMO_PASSWORD).username == DEMO_USERNAME
        folder.set_up(UnitProfile("000.17.22.H56", "ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN", "TRUNG TÂM PHỤC VỤ HCC", "Đông Sơn"))
        assert not has_accounts(folder)  # the wizard will ask for the first real administrator
        with pytest.raises(LoginRefused):
            log_in(folder, DEMO_USERNAME, DEMO_PASSWORD)
        with pytest.raises(DeskError, match="demo"):
            ensure_demo_account(folder)
    finally:
        folder.close()
