"""Write one sample PDF of each form Mẫu 02–07 (real-looking Vietnamese data) into a folder.

Used to eyeball the layouts and for the screenshots:
``.venv/bin/python tools/sample_forms.py OUT_DIR [--size A5] [--rows 40]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desk_app.printing import forms_sample as sample  # noqa: E402
from desk_app.printing.forms import render_refusal, render_supplement_request, write_form  # noqa: E402
from desk_app.printing.forms_control import render_control_sheet  # noqa: E402
from desk_app.printing.forms_letters import render_extension_apology, render_stop_notice  # noqa: E402
from desk_app.printing.register import render_register  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and write mau-02.pdf … mau-07.pdf into the folder."""
    parser = argparse.ArgumentParser(description="Write sample PDFs of Mẫu 02–07")
    parser.add_argument("out_dir", type=Path, help="folder to write the PDFs into")
    parser.add_argument("--size", choices=("A4", "A5"), default="A4", help="paper size of Mẫu 02–06 (default A4)")
    parser.add_argument("--rows", type=int, default=40, help="lines in the sample register (default 40)")
    args = parser.parse_args(argv)
    pdfs = {
        "mau-02-yeu-cau-bo-sung.pdf": render_supplement_request(sample.sample_supplement_request(), args.size),
        "mau-03-tu-choi.pdf": render_refusal(sample.sample_refusal(), args.size),
        "mau-04-xin-loi-gia-han.pdf": render_extension_apology(sample.sample_extension_apology(), args.size),
        "mau-05-dung-giai-quyet.pdf": render_stop_notice(sample.sample_stop_notice(), args.size),
        "mau-06-phieu-kiem-soat.pdf": render_control_sheet(sample.sample_control_sheet(), args.size),
        "mau-07-so-theo-doi.pdf": render_register(sample.sample_register(max(args.rows, 0))),
    }
    for name, pdf in pdfs.items():
        print(write_form(pdf, args.out_dir / name))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
