#!/usr/bin/env bash
# Build the wheel, install it into a fresh venv in a temporary folder outside the checkout, and run the
# commands a new user runs first from there: the package must carry its catalogues, registry and migrations.
#   scripts/wheel_check.sh [PYTHON]
set -euo pipefail
python=${1:-python3}
checkout=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$python" -m pip wheel --quiet --no-deps "$checkout" -w "$work/dist"
"$python" -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "$work"/dist/stance_tracker-*.whl

cp "$checkout/data/samples/s002_topskat.txt" "$work/article.txt"
cd "$work"   # nothing of the checkout on the path from here
export TRACKER_DB="$work/fresh.db"
"$work/venv/bin/tracker" ingest article.txt
"$work/venv/bin/tracker" compare
"$work/venv/bin/tracker" db current
echo "wheel check: the installed wheel works outside the checkout"
