"""Print the benchmark figures written under a report folder (``make bench``) as one Markdown list.

Each benchmark writes ``<name>.json`` with its measured figures; this only gathers them, with the
machine they ran on, so they can be pasted into the README.
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import sys
from pathlib import Path


def _flatten(prefix: str, value: object) -> list[str]:
    if isinstance(value, dict):
        return [line for key, item in value.items() for line in _flatten(f"{prefix}.{key}" if prefix else key, item)]
    if isinstance(value, list):
        return [] if value and isinstance(value[0], dict) else [f"{prefix}: {value}"]
    return [f"{prefix}: {value}"]


def main(folder: str) -> int:
    """Print every report in ``folder``."""
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.platform()}"
    )
    for path in sorted(Path(folder).glob("*.json")):
        print(f"\n## {path.stem}")
        for line in _flatten("", json.loads(path.read_text())):
            print(f"- {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "var/bench"))
