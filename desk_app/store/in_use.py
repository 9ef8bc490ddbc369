"""Who has a desk's data folder open, so that a restore never swaps the files under a running desk.

Every open ``Database`` holds a SHARED lock on ``<data folder>/desk.in-use`` until it is closed: the
window, a scheduled ``desk-app sync`` and a backup can all hold it at once. A restore needs the same
lock EXCLUSIVE, without waiting: while anything has the folder open it is refused with a message the
clerk can act on (close the window, wait for the sync), and nothing is touched. Without this a window
left open would keep writing into the database file the restore had just moved aside, and those
saves would be lost.

portalocker gives shared and exclusive locks on Linux (``flock``: per open file, so two holders in one
process count as two) and on Windows (``LockFileEx``). The operating system drops a lock when its
process dies, so a crashed desk never blocks a restore.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import portalocker

from desk_app.domain.errors import DeskError

IN_USE_FILE = "desk.in-use"


class DataFolderInUse(DeskError):
    """The data folder is open in a desk window or another desk program: a restore must wait."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"Dữ liệu ở «{data_dir}» đang được phần mềm quầy sử dụng (cửa sổ đang mở hoặc đang đồng bộ): "
            "hãy đóng cửa sổ phần mềm, chờ đồng bộ xong rồi khôi phục lại. Chưa có gì thay đổi.",
            f"The data in '{data_dir}' is in use by the desk program (a window is open or a sync is running): "
            "close the window, wait for the sync to finish, then restore again. Nothing was changed.",
        )


class InUseMarker:
    """A shared hold on a data folder for as long as a database of it is open."""

    def __init__(self, data_dir: Path) -> None:
        self._lock = portalocker.Lock(
            data_dir / IN_USE_FILE,
            mode="a",
            timeout=10,
            check_interval=0.05,
            flags=portalocker.LockFlags.SHARED | portalocker.LockFlags.NON_BLOCKING,
        )
        try:
            self._lock.acquire()  # waits (≤ 10 s) only while a restore holds the folder
        except portalocker.exceptions.LockException:
            raise DeskError(
                f"Dữ liệu ở «{data_dir}» đang được khôi phục từ bản sao lưu: hãy chờ ít phút rồi mở lại.",
                f"The data in '{data_dir}' is being restored from a backup: wait a few minutes and open it again.",
            ) from None

    def release(self) -> None:
        """Let go of the folder (idempotent)."""
        self._lock.release()


@contextmanager
def exclusive(data_dir: Path) -> Iterator[None]:
    """Hold the data folder alone for the block; ``DataFolderInUse`` at once if anything has it open."""
    lock = portalocker.Lock(
        data_dir / IN_USE_FILE,
        mode="a",
        timeout=0,
        flags=portalocker.LockFlags.EXCLUSIVE | portalocker.LockFlags.NON_BLOCKING,
    )
    try:
        lock.acquire()
    except portalocker.exceptions.LockException:
        raise DataFolderInUse(data_dir) from None
    try:
        yield
    finally:
        lock.release()
