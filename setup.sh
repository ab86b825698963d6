#!/usr/bin/env bash
# Set up realpolitik in ./.venv and run it on the two sample articles in examples/.
#
#   ./setup.sh             install (or check the install) and run the demo
#   ./setup.sh --no-demo   install only (what .ci/run uses)
#
# Safe to re-run: an existing working .venv is reused, and the package is reinstalled only
# when pyproject.toml changed since the last successful install. Set PYTHON=/path/to/python3.x
# to choose the interpreter (3.11 or newer).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

VENV=.venv
STAMP="$VENV/.realpolitik-install"
demo=1

for arg in "$@"; do
    case "$arg" in
        --no-demo) demo=0 ;;
        -h|--help) sed -n '2,9s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "setup.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
    esac
done

say() { printf '==> %s\n' "$*"; }
die() { printf 'setup.sh: error: %s\n' "$*" >&2; exit 1; }

# A Python that really runs and is 3.11+ (pyenv shims exist for versions that are not installed).
is_recent() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' >/dev/null 2>&1; }

find_python() {
    local candidate
    for candidate in ${PYTHON:-} python3 python3.13 python3.12 python3.11; do
        if command -v "$candidate" >/dev/null 2>&1 && is_recent "$candidate"; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

# 1. The virtual environment: reuse it if it works, otherwise (re)create it.
if [[ -x "$VENV/bin/python" ]] && is_recent "$VENV/bin/python"; then
    say "using the existing $VENV ($("$VENV/bin/python" --version))"
else
    python=$(find_python) || die "Python 3.11 or newer is needed; none found (set PYTHON=/path/to/python3.11)"
    if [[ -e "$VENV" ]]; then
        say "$VENV exists but does not work with Python 3.11+: recreating it with $python"
    else
        say "creating $VENV with $python ($("$python" --version))"
    fi
    "$python" -m venv --clear "$VENV"
    rm -f "$STAMP"
fi

# 2. The package and its dev tools, unless this exact pyproject.toml is installed already.
want=$("$VENV/bin/python" -c 'import hashlib, sys; print(hashlib.sha256(open("pyproject.toml", "rb").read()).hexdigest())')
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" && -x "$VENV/bin/realpolitik" && -x "$VENV/bin/pytest" ]]; then
    say "realpolitik is installed and up to date (delete $STAMP to force a reinstall)"
else
    # pip first: the pip a fresh venv ships with (23.2) mis-resolves trafilatura's lxml extra.
    say "upgrading pip"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    say "installing realpolitik and its dev tools (pip install -e '.[dev]')"
    "$VENV/bin/python" -m pip install --quiet -e '.[dev]'
    "$VENV/bin/realpolitik" --help >/dev/null || die "the installed 'realpolitik' command does not run"
    printf '%s\n' "$want" >"$STAMP"
    say "installed realpolitik $("$VENV/bin/python" -c 'import realpolitik; print(realpolitik.__version__)')"
fi

# 3. The demo: extract relations from the two sample articles.
if [[ $demo -eq 1 ]]; then
    [[ -d examples ]] || die "examples/ is missing: nothing to run the demo on"
    # The articles only: examples/README.md would be read as a document too (.md is a text suffix).
    say "running: realpolitik extract examples/*.txt --format table"
    "$VENV/bin/realpolitik" extract examples/*.txt --format table
    say "done. Next: .venv/bin/pytest (the test suite), .venv/bin/realpolitik --help (all commands)"
fi
