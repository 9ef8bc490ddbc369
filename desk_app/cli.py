"""``desk-app``: the desk's command line. With no command it opens the window.

Every command takes ``--data-dir DIR`` (default: the user's data folder), so several desks, tests
and demos can live side by side on one machine. Errors a person can act on are printed in
Vietnamese and English and end with exit status 2; nothing is written when a command fails.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from desk_app.domain.errors import DeskError


def _data_dir(args: argparse.Namespace) -> Path | None:
    return Path(args.data_dir) if args.data_dir else None


def _open(args: argparse.Namespace):  # noqa: ANN202 - the façade, imported lazily for start-up speed
    from desk_app.services.desk import Desk

    return Desk.open(_data_dir(args))


def cmd_due(args: argparse.Namespace) -> int:
    """Print the due date-time of a procedure received at a given time."""
    try:
        received = datetime.strptime(args.received, "%Y-%m-%d %H:%M")
    except ValueError:
        raise DeskError(
            f"Thời điểm nhận không hợp lệ: «{args.received}» (dạng YYYY-MM-DD HH:MM)",
            f"Invalid receipt time: '{args.received}' (format YYYY-MM-DD HH:MM)",
        ) from None
    desk = _open(args)
    try:
        procedure = desk.procedure(args.procedure)
        due = desk.due_at(procedure.code, received)
    finally:
        desk.close()
    print(f"{due:%Y-%m-%d %H:%M}")
    if args.verbose:
        print(f"{procedure.code} {procedure.name} — {procedure.duration.label_vi()}", file=sys.stderr)
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    """Fill the database with realistic demo dossiers."""
    from desk_app.services.demo_data import generate

    desk = _open(args)
    started = time.perf_counter()
    try:
        total = generate(
            desk,
            args.dossiers,
            seed=args.seed,
            progress=lambda n: print(f"  {n:,} / {args.dossiers:,}", file=sys.stderr, flush=True),
        )
    finally:
        desk.close()
    print(f"{total:,} hồ sơ demo trong {desk.data_dir} ({time.perf_counter() - started:.1f} s)")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    """Set up the unit non-interactively (mass roll-out)."""
    from desk_app.services.unit import DEFAULT_SIGNER_TITLE, UnitProfile

    profile = UnitProfile(
        agency_id=args.agency_id,
        parent_body=args.parent_body,
        unit_name=args.unit_name,
        place_name=args.place_name,
        signer_title=args.signer_title or DEFAULT_SIGNER_TITLE,
        desk_number=args.desk,
        morning=tuple(args.morning.split("-")),
        afternoon=tuple(args.afternoon.split("-")),
    )
    from desk_app.services.accounts import Role, check_new_account, create_account

    profile = profile.checked()
    admin = None
    if args.admin_user:
        password = os.environ.get("DESK_ADMIN_PASSWORD") or (
            getpass.getpass("Mật khẩu quản trị / admin password: ") if sys.stdin.isatty() else ""
        )
        admin = check_new_account(args.admin_user, args.admin_name or args.admin_user, Role.ADMIN, password)
    desk = _open(args)
    try:
        saved = desk.set_up(profile)
        if admin:
            create_account(desk, admin[0], admin[1], admin[2], password)
    finally:
        desk.close()
    print(f"Đã cài đặt: {saved.unit_name} ({saved.agency_id}), quầy số {saved.desk_number}")
    if admin:
        print(f"Tài khoản quản trị / admin account: {admin[0]}")
    return 0


def cmd_slip(args: argparse.Namespace) -> int:
    """Reprint a dossier's slip (Mẫu 01) to a PDF file."""
    from desk_app.services.slips import export_slip

    desk = _open(args)
    try:
        path = export_slip(desk, args.code, Path(args.out))
    finally:
        desk.close()
    print(path)
    return 0


def cmd_form(args: argparse.Namespace) -> int:
    """Print a dossier's form (Mẫu 02–05 of its latest such action, or the control sheet Mẫu 06) to PDF."""
    from desk_app.services.forms import export_form

    desk = _open(args)
    try:
        path = export_form(desk, args.code, args.kind, Path(args.out))
    finally:
        desk.close()
    print(path)
    return 0


def cmd_enroll(args: argparse.Namespace) -> int:
    """Enrol this desk with the provincial centre (a one-time code for a token)."""
    from desk_app.services.sync import enroll

    desk = _open(args)
    try:
        done = enroll(desk, args.centre, args.code)
    finally:
        desk.close()
    print(f"Đã đăng ký quầy số {done.desk_number} của {done.unit} với {done.centre_url}")
    if done.desk_number_changed:
        print(f"Lưu ý / Note: trung tâm đặt số quầy là {done.desk_number} / the centre set the desk number")
    if done.clock_warning is not None:
        print(f"{done.clock_warning.message}\n{done.clock_warning.english}", file=sys.stderr)
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    """Sync with the centre once (for a scheduled task); non-zero when it failed."""
    from desk_app.services.sync import sync

    desk = _open(args)
    try:
        report = sync(desk)
    finally:
        desk.close()
    print(report.summary("vi"))
    print(report.summary("en"))
    return 3 if report.update_required else 0


def cmd_backup(args: argparse.Namespace) -> int:
    """Back up the database, slips and scans to one .tar file."""
    from desk_app.services.backup import make_backup

    desk = _open(args)
    try:
        path = make_backup(desk, Path(args.to) if args.to else None)
    finally:
        desk.close()
    print(path)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Replace the data folder's content by a checked backup; the old data is kept aside."""
    from desk_app.services.backup import restore_backup
    from desk_app.services.desk import default_data_dir

    aside = restore_backup(_data_dir(args) or default_data_dir(), Path(args.file))
    print(f"Đã khôi phục từ / restored from {args.file}")
    print(f"Dữ liệu cũ để ở / the previous data is in {aside}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Run the integrity checks; exit 1 and list the problems when there are any."""
    from desk_app.services.backup import check

    desk = _open(args)
    try:
        problems = check(desk, args.sample)
    finally:
        desk.close()
    if not problems:
        print("Dữ liệu không có lỗi / the data is healthy")
        return 0
    print(f"Phát hiện {len(problems)} vấn đề / {len(problems)} problem(s) found:")
    for problem in problems:
        print(f"  - {problem.message}\n    {problem.english}")
    return 1


def _dates(*texts: str) -> list[date]:
    """Command-line dates (YYYY-MM-DD), refused in both languages when malformed."""
    try:
        return [date.fromisoformat(text) for text in texts]
    except ValueError:
        raise DeskError(
            "Ngày không hợp lệ: " + ", ".join(f"«{t}»" for t in texts) + " (dạng YYYY-MM-DD)",
            "Invalid dates: " + ", ".join(f"'{t}'" for t in texts) + " (format YYYY-MM-DD)",
        ) from None


def cmd_register(args: argparse.Namespace) -> int:
    """Print the register of dossiers (Mẫu 07) for a date range to a PDF or .xlsx file."""
    from desk_app.services.reports import export_register_file

    date_from, date_to = _dates(args.date_from, args.date_to)
    desk = _open(args)
    try:
        path = export_register_file(desk, date_from, date_to, Path(args.out), args.format)
    finally:
        desk.close()
    print(path)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write the period report (or, with --day, the end-of-day summary) to a PDF or .xlsx file."""
    from desk_app.services.reports import export_day_summary, export_period_report

    desk = _open(args)
    try:
        if args.day:
            (day,) = _dates(args.day)
            path = export_day_summary(desk, day, Path(args.out), args.format)
        else:
            if not (args.date_from and args.date_to):
                raise DeskError(
                    "Cần --from và --to (hoặc --day cho báo cáo cuối ngày)",
                    "--from and --to are required (or --day for the end-of-day summary)",
                )
            date_from, date_to = _dates(args.date_from, args.date_to)
            path = export_period_report(desk, date_from, date_to, Path(args.out), args.format)
    finally:
        desk.close()
    print(path)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """Open the desk window."""
    from desk_app.ui.app import run

    return run(_data_dir(args), screenshot=args.screenshot)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``desk-app``."""
    parser = argparse.ArgumentParser(prog="desk-app", description="Một Cửa Desk — quầy tiếp nhận hồ sơ một cửa")
    data_dir_help = "thư mục dữ liệu / data folder (mặc định: thư mục dữ liệu người dùng)"
    parser.add_argument("--data-dir", help=data_dir_help)
    parser.set_defaults(func=cmd_run, screenshot=None)
    # ``--data-dir`` is accepted before or after the command name.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help=data_dir_help)
    commands = parser.add_subparsers(dest="command")

    def add_command(name: str, help: str) -> argparse.ArgumentParser:  # noqa: A002 - argparse's word
        return commands.add_parser(name, parents=[common], help=help)

    run = add_command("run", help="mở cửa sổ quầy / open the desk window")
    run.add_argument("--screenshot", help="lưu ảnh cửa sổ vào tệp PNG rồi thoát / save a PNG and exit")
    run.set_defaults(func=cmd_run)

    due = add_command("due", help="tính ngày hẹn trả / compute a due date")
    due.add_argument("--procedure", required=True, help="mã thủ tục, ví dụ 1.001193")
    due.add_argument("--received", required=True, help='"YYYY-MM-DD HH:MM"')
    due.add_argument("-v", "--verbose", action="store_true")
    due.set_defaults(func=cmd_due)

    demo = add_command("demo-data", help="tạo hồ sơ mẫu / make demo dossiers")
    demo.add_argument("--dossiers", type=int, default=1000)
    demo.add_argument("--seed", type=int, default=0)
    demo.set_defaults(func=cmd_demo_data)

    slip = add_command("slip", help="in lại giấy tiếp nhận (Mẫu 01) / reprint a slip")
    slip.add_argument("code", help="mã hồ sơ, ví dụ 000.17.22.H56-261126-0001")
    slip.add_argument("--out", required=True, help="tệp PDF / output PDF file")
    slip.set_defaults(func=cmd_slip)

    form = add_command("form", help="in mẫu 02–06 của hồ sơ / print a dossier's form (Mẫu 02–06)")
    form.add_argument("code", help="mã hồ sơ / the dossier code")
    form.add_argument(
        "--kind",
        required=True,
        choices=("supplement_requested", "refused", "extended", "stopped", "withdrawn", "control"),
        help="thao tác có mẫu in, control = phiếu kiểm soát (Mẫu 06) / the action, or control for Mẫu 06",
    )
    form.add_argument("--out", required=True, help="tệp PDF / output PDF file")
    form.set_defaults(func=cmd_form)

    register = add_command("register", help="sổ theo dõi hồ sơ (Mẫu 07) / the register of dossiers")
    register.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
    register.add_argument("--to", dest="date_to", required=True, help="YYYY-MM-DD")
    register.add_argument("--out", required=True, help="tệp .pdf hoặc .xlsx / output .pdf or .xlsx file")
    register.add_argument("--format", choices=("pdf", "xlsx"), help="mặc định theo đuôi tệp / default: from --out")
    register.set_defaults(func=cmd_register)

    report = add_command("report", help="báo cáo theo kỳ hoặc cuối ngày / period or end-of-day report")
    report.add_argument("--from", dest="date_from", help="YYYY-MM-DD")
    report.add_argument("--to", dest="date_to", help="YYYY-MM-DD")
    report.add_argument("--day", help="YYYY-MM-DD: báo cáo cuối ngày / the end-of-day summary")
    report.add_argument("--out", required=True, help="tệp .pdf hoặc .xlsx / output .pdf or .xlsx file")
    report.add_argument("--format", choices=("pdf", "xlsx"), help="mặc định theo đuôi tệp / default: from --out")
    report.set_defaults(func=cmd_report)

    enroll = add_command("enroll", help="đăng ký quầy với trung tâm / enrol with the centre")
    enroll.add_argument("--centre", required=True, help="địa chỉ trung tâm, ví dụ https://dongbo.tinh.gov.vn")
    enroll.add_argument("--code", required=True, help="mã đăng ký một lần / one-time enrolment code")
    enroll.set_defaults(func=cmd_enroll)

    add_command("sync", help="đồng bộ với trung tâm / sync with the centre").set_defaults(func=cmd_sync)

    backup = add_command("backup", help="sao lưu dữ liệu / back up the data")
    backup.add_argument("--to", help="thư mục đích, ví dụ ổ USB / target folder, e.g. a USB drive")
    backup.set_defaults(func=cmd_backup)

    restore = add_command("restore", help="khôi phục từ bản sao lưu / restore a backup")
    restore.add_argument("file", help="tệp sao lưu .tar / the backup .tar file")
    restore.set_defaults(func=cmd_restore)

    check = add_command("check", help="kiểm tra toàn vẹn dữ liệu / check the data's integrity")
    check.add_argument("--sample", type=int, help="chỉ kiểm tra N hồ sơ ngẫu nhiên / check N random dossiers")
    check.set_defaults(func=cmd_check)

    init = add_command("init", help="cài đặt đơn vị / set up the unit")
    init.add_argument("--agency-id", required=True, help="mã định danh điện tử, ví dụ 000.17.22.H56")
    init.add_argument("--parent-body", required=True, help='ví dụ "ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN"')
    init.add_argument("--unit-name", required=True, help='ví dụ "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"')
    init.add_argument("--place-name", required=True, help='địa danh ghi ngày tháng, ví dụ "Đông Sơn"')
    init.add_argument("--desk", type=int, default=1, help="số quầy / desk number")
    init.add_argument(
        "--signer-title",
        help='chức danh người ký Mẫu 04/05 (mặc định "CHỦ TỊCH"), ví dụ "GIÁM ĐỐC" / title of the letters\' signer',
    )
    init.add_argument("--admin-user", help="tài khoản quản trị đầu tiên; mật khẩu lấy từ biến DESK_ADMIN_PASSWORD")
    init.add_argument("--admin-name", help="họ tên người quản trị / the admin's full name")
    init.add_argument("--morning", default="07:00-11:30")
    init.add_argument("--afternoon", default="13:30-17:00")
    init.set_defaults(func=cmd_init)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``desk-app`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except DeskError as error:
        print(f"Lỗi: {error.message}\nError: {error.english}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
