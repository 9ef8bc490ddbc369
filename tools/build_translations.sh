#!/usr/bin/env bash
# Extract every string of the window (desk_app/ui/*.py) into resources/i18n/mot_cua_en.ts and compile
# resources/i18n/mot_cua_en.qm from it.
#
# The source strings are Vietnamese (the desk's default language), so only English needs a file. The
# .ts is committed and translated by hand (Qt Linguist, or an editor); the .qm is built, not committed.
# Locations are left out of the .ts (-locations none) so that editing a page does not rewrite the
# whole file; run this after adding strings, translate what comes back "unfinished", run it again.
#
#   tools/build_translations.sh            update the .ts, then compile the .qm
#   tools/build_translations.sh --check    also fail if any string has no English translation
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${VENV_BIN:-.venv/bin}"
TS="${TS_FILE:-resources/i18n/mot_cua_en.ts}"
QM="${QM_FILE:-resources/i18n/mot_cua_en.qm}"

"$BIN/pyside6-lupdate" desk_app/ui/*.py -ts "$TS" -no-obsolete -locations none \
    -source-language vi_VN -target-language en_GB
"$BIN/pyside6-lrelease" "$TS" -qm "$QM"

if [[ "${1:-}" == "--check" ]]; then
    unfinished=$(grep -c 'type="unfinished"' "$TS" || true)
    if [[ "$unfinished" != "0" ]]; then
        echo "$unfinished string(s) of $TS have no English translation yet" >&2
        exit 1
    fi
fi
