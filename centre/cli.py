"""``centre``: run the provincial centre and do the province staff's chores from a terminal.

    centre serve [--db URL] [--host H] [--port P] [--workers N]
    centre migrate [--db URL]
    centre enroll --unit AGENCY_ID --desk N        prints a one-time code (valid 24 h)
    centre revoke --unit AGENCY_ID --desk N
    centre catalogue import FILE
    centre calendar set --year Y [--off DAY=REASON]... [--work DAY=REASON]... [--source TEXT]
    centre calendar import FILE
    centre record --dossier CODE --kind KIND [--payload JSON] [--actor NAME]
    centre conflicts                                code clashes, anomalies, refused events

Every command takes ``--db URL`` (else ``CENTRE_DATABASE_URL``, else the embedded SQLite file) and
migrates the database first. Messages are in Vietnamese, then English.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from centre import __version__
from centre.core.config import Settings
from centre.core.db import make_engine, migrate
from desk_app.domain.errors import DeskError
from desk_app.domain.events import EventKind
from desk_app.domain.work_calendar import CalendarOverride


def _settings(args: argparse.Namespace) -> Settings:
    return Settings(database_url=args.db) if args.db else Settings()


def _with_db(args: argparse.Namespace, work: Callable[[Connection], Any]) -> Any:
    settings = _settings(args)
    migrate(settings.database_url)
    engine = make_engine(settings.database_url, pool_size=1, max_overflow=0)
    try:
        with engine.begin() as connection:
            return work(connection)
    finally:
        engine.dispose()


def cmd_serve(args: argparse.Namespace) -> int:
    """Run the HTTP service (uvicorn; several workers spread evenly, see ``centre.api.server``)."""
    from centre.api.server import serve

    settings = _settings(args)
    migrate(settings.database_url)
    os.environ["CENTRE_DATABASE_URL"] = settings.database_url
    print(f"Trung tâm chạy tại / Centre serving at http://{args.host}:{args.port} ({settings.database_url})")
    serve(args.host, args.port, args.workers)
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    """Bring the database to the newest schema."""
    _with_db(args, lambda _c: None)
    print("Cơ sở dữ liệu đã cập nhật / Database is up to date")
    return 0


def cmd_enroll(args: argparse.Namespace) -> int:
    """Print a one-time enrolment code for a desk."""
    from centre.services import desks

    settings = _settings(args)
    code, expires = _with_db(
        args, lambda c: desks.new_enrolment_code(c, args.unit, args.desk, settings.enrol_code_hours)
    )
    print(code)
    print(
        f"Mã đăng ký quầy {args.desk} của {args.unit.upper()}, dùng một lần, hết hạn {expires:%d/%m/%Y %H:%M} UTC\n"
        f"One-time enrolment code for desk {args.desk} of {args.unit.upper()}, expires {expires:%Y-%m-%d %H:%M} UTC",
        file=sys.stderr,
    )
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    """Revoke a desk's token."""
    from centre.services import desks

    count = _with_db(args, lambda c: desks.revoke(c, args.unit, args.desk))
    print(f"Đã thu hồi {count} quầy / Revoked {count} desk(s)")
    return 0


def cmd_catalogue_import(args: argparse.Namespace) -> int:
    """Publish a procedure catalogue file."""
    from centre.services import publish

    catalogue, new = _with_db(args, lambda c: publish.import_catalogue(c, args.file))
    state = "đã công bố / published" if new else "đã có sẵn / already published"
    print(f"Danh mục {catalogue.version} ({len(catalogue.procedures)} thủ tục / procedures): {state}")
    return 0


def _days(items: Sequence[str], working: bool, source: str) -> list[CalendarOverride]:
    result = []
    for item in items:
        day, _, reason = item.partition("=")
        result.append(CalendarOverride(date.fromisoformat(day.strip()), working, reason.strip(), source))
    return result


def cmd_calendar_set(args: argparse.Namespace) -> int:
    """Replace one year's override days."""
    from centre.services import publish

    overrides = _days(args.off, False, args.source) + _days(args.work, True, args.source)
    version = _with_db(args, lambda c: publish.publish_calendar(c, overrides, [args.year], note=f"set {args.year}"))
    print(f"Lịch năm {args.year}: {len(overrides)} ngày, phiên bản {version} / calendar version {version}")
    return 0


def cmd_calendar_import(args: argparse.Namespace) -> int:
    """Publish override days from a JSON file."""
    from centre.services import publish

    version, count = _with_db(args, lambda c: publish.import_calendar(c, args.file))
    print(f"Lịch: {count} ngày, phiên bản {version} / calendar: {count} days, version {version}")
    return 0


def cmd_record(args: argparse.Namespace) -> int:
    """Record an event at the centre; it reaches the dossier's desks at their next sync."""
    from centre.services import record

    payload = json.loads(args.payload) if args.payload else {}
    if not isinstance(payload, dict):
        raise SystemExit("--payload phải là một đối tượng JSON / must be a JSON object")
    event, seq = _with_db(
        args, lambda c: record.record_event(c, args.dossier, EventKind(args.kind), payload, args.actor)
    )
    print(f"Đã ghi «{event.kind.value}» cho hồ sơ {args.dossier} (số {seq}) / recorded as centre_seq {seq}")
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    """Print code clashes, anomalies and refused events as JSON."""
    from centre.models import RejectedEvent
    from centre.services import projection

    def gather(connection: Connection) -> dict[str, Any]:
        table = RejectedEvent.__table__
        rejected = [
            {"event_id": r.event_id, "reason": r.reason, "unit": r.unit, "message": r.message}
            for r in connection.execute(select(table).order_by(table.c.id))
        ]
        return {
            "code_conflicts": projection.code_conflicts(connection),
            "anomalies": projection.anomalies(connection),
            "rejections": rejected,
        }

    print(json.dumps(_with_db(args, gather), ensure_ascii=False, indent=2, default=str))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser."""
    parser = argparse.ArgumentParser(prog="centre", description="Một Cửa Desk — provincial centre")
    parser.add_argument("--version", action="version", version=__version__)
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", help="database URL (postgresql://… or sqlite:///…)")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", parents=[db], help="run the HTTP service")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8400)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(run=cmd_serve)
    commands.add_parser("migrate", parents=[db], help="migrate the database").set_defaults(run=cmd_migrate)
    for name, run in (("enroll", cmd_enroll), ("revoke", cmd_revoke)):
        sub = commands.add_parser(name, parents=[db], help=f"{name} a desk")
        sub.add_argument("--unit", required=True, help="the unit's agency id, e.g. 000.17.22.H56")
        sub.add_argument("--desk", required=True, type=int, help="the desk number")
        sub.set_defaults(run=run)
    catalogue = commands.add_parser("catalogue", help="publish the procedure catalogue").add_subparsers(required=True)
    imp = catalogue.add_parser("import", parents=[db], help="publish a catalogue JSON file")
    imp.add_argument("file")
    imp.set_defaults(run=cmd_catalogue_import)
    calendar = commands.add_parser("calendar", help="publish the working calendar").add_subparsers(required=True)
    cal_set = calendar.add_parser("set", parents=[db], help="replace one year's override days")
    cal_set.add_argument("--year", type=int, required=True)
    cal_set.add_argument("--off", action="append", default=[], metavar="DAY=REASON", help="a day off")
    cal_set.add_argument("--work", action="append", default=[], metavar="DAY=REASON", help="a working day")
    cal_set.add_argument("--source", default="", help="the document announcing it")
    cal_set.set_defaults(run=cmd_calendar_set)
    cal_imp = calendar.add_parser("import", parents=[db], help="publish override days from a JSON file")
    cal_imp.add_argument("file")
    cal_imp.set_defaults(run=cmd_calendar_import)
    rec = commands.add_parser("record", parents=[db], help="record an event at the centre")
    rec.add_argument("--dossier", required=True, help="dossier code or id")
    rec.add_argument("--kind", required=True, choices=[k.value for k in EventKind])
    rec.add_argument("--payload", default="", help="JSON object merged into the payload")
    rec.add_argument("--actor", default="Trung tâm Phục vụ hành chính công tỉnh")
    rec.set_defaults(run=cmd_record)
    commands.add_parser("conflicts", parents=[db], help="list what needs a person").set_defaults(run=cmd_conflicts)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``centre`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except DeskError as exc:
        print(f"{exc.message}\n{exc.english}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"Giá trị không hợp lệ / Invalid value: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
