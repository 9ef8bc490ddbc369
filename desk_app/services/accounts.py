"""Local accounts of the desk: who may sign in, with which role, and the lockout after failed log-ins.

Passwords are hashed with argon2id (``argon2-cffi``'s defaults, RFC 9106's second recommended
parameter set) and verified off the GUI thread by the caller, since one verification costs tens of
milliseconds by design. After ``MAX_FAILURES`` wrong passwords in a row the account is locked for
``LOCK_DURATION``; the count and the lock live in the database, so restarting the desk does not
reset them. A wrong user name and a wrong password get the same answer, and an unknown user name
costs the same verification time, so neither tells a stranger which accounts exist.

    LoginRefused(DeskError)     wrong user name or password, account locked or disabled
    InvalidInput                a new account's user name, name, role or password is not acceptable
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any

from desk_app.domain.errors import DeskError, InvalidInput
from desk_app.domain.text import checked_field, clean
from desk_app.store import accounts as store

if TYPE_CHECKING:
    from argon2 import PasswordHasher

    from desk_app.services.desk import Desk

MAX_FAILURES = 5
LOCK_DURATION = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 256
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-mot-cua"  # only ever set on the clearly named demo unit
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,31}")


class LoginRefused(DeskError):
    """A log-in that did not succeed: wrong user name or password, locked or disabled account."""


class Role(StrEnum):
    """What an account may do: receive dossiers (clerk), also sign decisions (leader), also set up (admin)."""

    CLERK = "clerk"
    LEADER = "leader"
    ADMIN = "admin"

    @property
    def label_vi(self) -> str:
        """The role as the desk shows it in Vietnamese."""
        return {"clerk": "Cán bộ một cửa", "leader": "Lãnh đạo", "admin": "Quản trị"}[self.value]

    @property
    def label_en(self) -> str:
        """The role in English."""
        return {"clerk": "Desk clerk", "leader": "Leader", "admin": "Administrator"}[self.value]


@dataclass(frozen=True)
class Account:
    """An account as the window sees it (never its password hash)."""

    username: str
    full_name: str
    role: Role
    active: bool
    created_at: str
    locked_until: str | None = None  # ISO local time of the end of a lockout (may be past), None if never locked

    @classmethod
    def from_row(cls, row: Any) -> Account:
        """The public view of an ``accounts`` row."""
        return cls(row.username, row.full_name, Role(row.role), bool(row.active), row.created_at, row.locked_until)

    def locked_at(self, now: datetime | None = None) -> datetime | None:
        """Until when the account is locked, None when it is not locked at ``now``."""
        if not self.locked_until:
            return None
        until = datetime.fromisoformat(self.locked_until)
        return until if until > _now(now) else None


@cache
def _hasher() -> PasswordHasher:
    """The argon2id hasher, imported on first use (argon2's cffi import is kept off start-up)."""
    from argon2 import PasswordHasher, Type

    return PasswordHasher(type=Type.ID)


@cache
def _dummy_hash() -> str:
    """A hash to verify against when the user name is unknown, so that costs the same time."""
    return _hasher().hash("not a password of anyone")


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now()).replace(microsecond=0)


def normalise_username(username: str) -> str:
    """A user name as stored: trimmed, NFC, lower case."""
    return clean(username).lower()


def check_username(username: str) -> str:
    """The normalised user name, or InvalidInput: 3–32 of a–z, 0–9, dot, dash, underscore."""
    name = normalise_username(username)
    if not _USERNAME.fullmatch(name):
        raise InvalidInput(
            f"Tên đăng nhập «{username.strip()}» không hợp lệ: 3–32 ký tự gồm chữ không dấu, số, dấu chấm, "
            "gạch ngang, gạch dưới (ví dụ: tuan.lm)",
            f"User name '{username.strip()}' is not valid: 3–32 characters of unaccented letters, digits, dot, "
            "dash, underscore (e.g. tuan.lm)",
            field="username",
        )
    return name


def check_password(password: str) -> str:
    """The password if the policy accepts it (at least 8 characters), InvalidInput otherwise."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự",
            f"The password must have at least {MIN_PASSWORD_LENGTH} characters",
            field="password",
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInput(
            f"Mật khẩu dài quá {MAX_PASSWORD_LENGTH} ký tự",
            f"The password is longer than {MAX_PASSWORD_LENGTH} characters",
            field="password",
        )
    return password


def check_new_account(username: str, full_name: str, role: str, password: str) -> tuple[str, str, Role]:
    """Check a new account's fields without touching the database: (user name, full name, role)."""
    name = check_username(username)
    person = checked_field(full_name, 200, "Họ tên cán bộ", "Full name", required=True)
    try:
        checked_role = Role(role)
    except ValueError:
        raise InvalidInput(
            f"Vai trò «{role}» không hợp lệ (clerk, leader, admin)",
            f"Role '{role}' is not valid (clerk, leader, admin)",
            field="role",
        ) from None
    check_password(password)
    return name, person, checked_role


def _is_demo_unit(desk: Desk) -> bool:
    profile = desk.profile()
    return profile is not None and profile.is_demo


def has_accounts(desk: Desk) -> bool:
    """Whether someone can sign in (none: the setup wizard creates the first admin).

    The demo clerk counts only on the demo unit: a folder first opened as a demo and then set up
    for real (``desk-app init``) still gets its first real administrator from the wizard.
    """
    excluding = None if _is_demo_unit(desk) else DEMO_USERNAME
    with desk.db.read() as connection:
        return store.account_count(connection, excluding=excluding) > 0


def accounts(desk: Desk) -> list[Account]:
    """Every account of the desk, by user name."""
    with desk.db.read() as connection:
        return [Account.from_row(row) for row in store.all_accounts(connection)]


def full_name_of(desk: Desk, username: str) -> str | None:
    """The full name of an account (the clerk who recorded an event), None if there is no such account."""
    with desk.db.read() as connection:
        row = store.get_account(connection, normalise_username(username))
    return row.full_name if row is not None else None


def create_account(
    desk: Desk, username: str, full_name: str, role: str, password: str, now: datetime | None = None
) -> Account:
    """Add an account; InvalidInput when a field is refused or the user name is taken."""
    name, person, checked_role = check_new_account(username, full_name, role, password)
    password_hash = _hasher().hash(password)
    row = {
        "username": name,
        "full_name": person,
        "role": checked_role.value,
        "password_hash": password_hash,
        "failed_attempts": 0,
        "locked_until": None,
        "active": True,
        "created_at": _now(now).isoformat(),
    }
    with desk.db.write() as connection:
        if store.get_account(connection, name) is not None:
            raise InvalidInput(
                f"Tên đăng nhập «{name}» đã có người dùng", f"User name '{name}' is already taken", field="username"
            )
        store.insert_account(connection, row)
    return Account(name, person, checked_role, True, row["created_at"])


def _wrong_credentials() -> LoginRefused:
    return LoginRefused("Sai tên đăng nhập hoặc mật khẩu.", "Wrong user name or password.")


def _locked(until: datetime) -> LoginRefused:
    return LoginRefused(
        f"Tài khoản đang bị khóa đến {until:%H:%M} ngày {until:%d/%m/%Y} do nhập sai mật khẩu "
        f"{MAX_FAILURES} lần liên tiếp. Hãy thử lại sau hoặc nhờ quản trị mở khóa.",
        f"The account is locked until {until:%H:%M} on {until:%d/%m/%Y} after {MAX_FAILURES} wrong "
        "passwords in a row. Try again later or ask an administrator to unlock it.",
    )


def log_in(desk: Desk, username: str, password: str, now: datetime | None = None) -> Account:
    """The account if the password is right; LoginRefused otherwise, counting the failure.

    The fifth wrong password in a row locks the account for 15 minutes; while locked, even the
    right password is refused (and not counted). A successful log-in clears the count. The demo
    clerk signs in only on the demo unit.
    """
    from argon2.exceptions import InvalidHashError, VerificationError

    moment = _now(now)
    name = normalise_username(username)
    with desk.db.read() as connection:
        row = store.get_account(connection, name)
    if row is None or not row.active or (name == DEMO_USERNAME and not _is_demo_unit(desk)):
        try:
            _hasher().verify(_dummy_hash(), password)
        except VerificationError:
            pass
        raise _wrong_credentials()
    if row.locked_until and datetime.fromisoformat(row.locked_until) > moment:
        raise _locked(datetime.fromisoformat(row.locked_until))
    try:
        _hasher().verify(row.password_hash, password)
    except (VerificationError, InvalidHashError):
        with desk.db.write() as connection:
            failures = store.add_failure(connection, name)
            until = moment + LOCK_DURATION if failures >= MAX_FAILURES else None
            if until is not None:
                store.lock(connection, name, until.isoformat())
        raise (_wrong_credentials() if until is None else _locked(until)) from None
    with desk.db.write() as connection:
        store.clear_failures(connection, name)
        if _hasher().check_needs_rehash(row.password_hash):
            store.set_password_hash(connection, name, _hasher().hash(password))
    return Account.from_row(row)


def set_password(desk: Desk, username: str, password: str) -> None:
    """Give an account a new password (policy checked) and lift any lock."""
    name = normalise_username(username)
    password_hash = _hasher().hash(check_password(password))
    with desk.db.write() as connection:
        if store.get_account(connection, name) is None:
            raise InvalidInput(f"Không có tài khoản «{name}»", f"There is no account '{name}'", field="username")
        store.set_password_hash(connection, name, password_hash)
        store.clear_failures(connection, name)


def unlock(desk: Desk, username: str) -> None:
    """Lift an account's lock and forget its failed attempts (an admin's action)."""
    with desk.db.write() as connection:
        store.clear_failures(connection, normalise_username(username))


def deactivate(desk: Desk, username: str, by: str) -> None:
    """Disable an account (it can no longer sign in; its events keep its name); an admin's action.

    ``by`` is the admin doing it: nobody can disable their own account, so a desk is never left
    without the administrator who is at it.
    """
    name = normalise_username(username)
    if name == normalise_username(by):
        raise InvalidInput(
            "Không thể ngừng hoạt động tài khoản của chính mình",
            "You cannot deactivate your own account",
            field="username",
        )
    with desk.db.write() as connection:
        if store.get_account(connection, name) is None:
            raise InvalidInput(f"Không có tài khoản «{name}»", f"There is no account '{name}'", field="username")
        store.set_active(connection, name, False)


def ensure_demo_account(desk: Desk) -> Account:
    """The demo clerk of the demo unit (created once); refused on a real unit."""
    profile = desk.profile()
    if profile is None or not profile.is_demo:
        raise DeskError(
            "Chỉ đơn vị demo mới có tài khoản demo.", "Only the demo unit has a demo account.", field="username"
        )
    with desk.db.read() as connection:
        row = store.get_account(connection, DEMO_USERNAME)
    if row is not None:
        return Account.from_row(row)
    return create_account(desk, DEMO_USERNAME, "Cán bộ Demo", Role.CLERK.value, DEMO_PASSWORD)
