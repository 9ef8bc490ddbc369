"""Write a sample Mẫu 01 slip PDF (real-looking Vietnamese data) to a given path.

Used by ``make screenshots`` and to eyeball the layout:
``.venv/bin/python tools/sample_slip.py /tmp/slip.pdf [--size A5] [--papers 12]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desk_app.printing.sample import sample_slip  # noqa: E402
from desk_app.printing.slip import write_slip  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and write the sample slip."""
    parser = argparse.ArgumentParser(description="Write a sample Mẫu 01 slip PDF")
    parser.add_argument("path", type=Path, help="where to write the PDF")
    parser.add_argument("--size", choices=("A4", "A5"), default="A4", help="paper size (default A4)")
    parser.add_argument("--papers", type=int, default=4, help="number of papers listed (1-12, default 4)")
    args = parser.parse_args(argv)
    written = write_slip(sample_slip(max(1, min(args.papers, 12))), args.path, args.size)
    print(written)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
