"""What can go wrong when the desk talks to the provincial centre, each in words a clerk can act on.

Low-level failures (socket errors, timeouts, HTTP statuses, the centre's error bodies) are translated
here, at the boundary, into one of these; nothing above ``desk_app.sync`` sees a ``requests``
exception. The tree is drawn in ``desk_app.sync.__init__``.
"""

from __future__ import annotations

from desk_app.domain.errors import DeskError


class SyncError(DeskError):
    """Base of every failure of a sync or an enrolment; nothing local was lost by it."""

    retryable = False


class NoConnection(SyncError):
    """The centre cannot be reached (no network, refused, timed out, cut in the middle)."""

    retryable = True

    def __init__(self, detail: str = "") -> None:
        suffix = f" ({detail})" if detail else ""
        super().__init__(
            "Không kết nối được với trung tâm tỉnh. Dữ liệu vẫn được lưu trên máy và sẽ tự gửi khi có mạng; "
            f"hãy kiểm tra đường truyền Internet nếu tình trạng kéo dài.{suffix}",
            "Cannot reach the provincial centre. Everything is kept on this desk and will be sent when the "
            f"connection is back; check the Internet link if this lasts.{suffix}",
        )


class ServerError(SyncError):
    """The centre answered with an error of its own (5xx) or an answer that cannot be read."""

    retryable = True

    def __init__(self, status: int | None = None, detail: str = "") -> None:
        what = f"mã {status}" if status else "câu trả lời không đọc được"
        what_en = f"status {status}" if status else "an unreadable answer"
        suffix = f": {detail}" if detail else ""
        super().__init__(
            f"Trung tâm tỉnh đang gặp sự cố ({what}{suffix}). Không có gì bị mất; máy sẽ thử lại sau.",
            f"The provincial centre has a problem ({what_en}{suffix}). Nothing is lost; the desk will retry later.",
        )
        self.status = status


class TokenRevoked(SyncError):
    """The centre no longer accepts this desk's token (revoked, or unknown there)."""


class AppTooOld(SyncError):
    """The centre serves only newer desk programs: update the program (no data is lost)."""

    def __init__(self, min_app_version: str, app_version: str) -> None:
        super().__init__(
            f"Phần mềm quầy đã cũ (phiên bản {app_version}, trung tâm cần từ {min_app_version}). "
            "Dữ liệu trên máy vẫn được giữ và đã gửi lên; hãy cập nhật phần mềm để nhận dữ liệu mới.",
            f"This desk program is too old (version {app_version}; the centre needs {min_app_version} or newer). "
            "The data on this desk is kept and was sent; update the program to receive new data.",
        )
        self.min_app_version = min_app_version


class ProtocolRejected(SyncError):
    """The centre refused the request itself (malformed, too large, forbidden…): ``code`` says why."""

    def __init__(self, message: str, english: str, code: str = "", status: int | None = None) -> None:
        super().__init__(message, english)
        self.code = code
        self.status = status


class EnrolmentRefused(ProtocolRejected):
    """The one-time enrolment code is wrong, used or expired, or was issued for another unit."""


class NotEnrolled(SyncError):
    """This desk has no token yet: it must be enrolled with the centre first."""

    def __init__(self) -> None:
        super().__init__(
            "Quầy chưa đăng ký với trung tâm tỉnh: hãy xin mã đăng ký và chạy "
            "«desk-app enroll --centre ĐỊA_CHỈ --code MÃ».",
            "This desk is not enrolled with the provincial centre: ask for an enrolment code and run "
            "'desk-app enroll --centre URL --code CODE'.",
        )


class ClockWrong(DeskError):
    """A warning, never raised by sync: the desk's clock is off from the centre's by more than allowed.

    The date on a slip is a legal date, so the clerk must fix the clock; sync itself goes on.
    """

    def __init__(self, offset_s: float) -> None:
        minutes = abs(offset_s) / 60
        ahead = offset_s > 0
        super().__init__(
            f"ĐỒNG HỒ MÁY SAI {minutes:.0f} PHÚT ({'nhanh' if ahead else 'chậm'} hơn giờ trung tâm). "
            "Ngày giờ in trên giấy tiếp nhận là ngày giờ pháp lý: hãy chỉnh lại đồng hồ máy tính.",
            f"THE DESK CLOCK IS {minutes:.0f} MINUTES {'AHEAD OF' if ahead else 'BEHIND'} THE CENTRE. "
            "The date and time printed on a slip are legal: set the computer's clock right.",
        )
        self.offset_s = offset_s
