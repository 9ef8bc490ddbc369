"""Rows of the ``accounts`` table: who may sign in, their password hash and their lockout state.

Plain functions over a connection the caller's transaction owns, like the other store modules.
Failed attempts are counted by the database itself (``failed_attempts + 1 … RETURNING``) so two
log-ins racing on one account can never both see the count below the limit.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select, update

from desk_app.store.models import ACCOUNTS

_ACCOUNTS = ACCOUNTS


def get_account(connection: Connection, username: str) -> Any | None:
    """The account row of ``username`` (already normalised), or None."""
    return connection.execute(select(_ACCOUNTS).where(_ACCOUNTS.c.username == username)).first()


def account_count(connection: Connection, active_only: bool = True, excluding: str | None = None) -> int:
    """How many accounts exist (active ones only, by default; ``excluding`` one user name)."""
    statement = select(func.count()).select_from(_ACCOUNTS)
    if active_only:
        statement = statement.where(_ACCOUNTS.c.active.is_(True))
    if excluding is not None:
        statement = statement.where(_ACCOUNTS.c.username != excluding)
    return connection.execute(statement).scalar_one()


def all_accounts(connection: Connection) -> list[Any]:
    """Every account row, by user name."""
    return list(connection.execute(select(_ACCOUNTS).order_by(_ACCOUNTS.c.username)))


def insert_account(connection: Connection, row: dict[str, Any]) -> None:
    """Add an account (the caller checked that the user name is free)."""
    connection.execute(_ACCOUNTS.insert(), [row])


def add_failure(connection: Connection, username: str) -> int:
    """Count one more failed attempt; returns the new count."""
    return connection.execute(
        update(_ACCOUNTS)
        .where(_ACCOUNTS.c.username == username)
        .values(failed_attempts=_ACCOUNTS.c.failed_attempts + 1)
        .returning(_ACCOUNTS.c.failed_attempts)
    ).scalar_one()


def lock(connection: Connection, username: str, until: str) -> None:
    """Lock the account until ``until`` (ISO local time) and start the count afresh."""
    connection.execute(
        update(_ACCOUNTS).where(_ACCOUNTS.c.username == username).values(locked_until=until, failed_attempts=0)
    )


def clear_failures(connection: Connection, username: str) -> None:
    """Forget failed attempts and any lock (after a good password, or an admin's unlock)."""
    connection.execute(
        update(_ACCOUNTS).where(_ACCOUNTS.c.username == username).values(failed_attempts=0, locked_until=None)
    )


def set_password_hash(connection: Connection, username: str, password_hash: str) -> None:
    """Replace an account's password hash (new password, or a re-hash with stronger parameters)."""
    connection.execute(update(_ACCOUNTS).where(_ACCOUNTS.c.username == username).values(password_hash=password_hash))


def set_active(connection: Connection, username: str, active: bool) -> None:
    """Enable or disable an account (a disabled one can no longer sign in; its events keep its name)."""
    connection.execute(update(_ACCOUNTS).where(_ACCOUNTS.c.username == username).values(active=active))
