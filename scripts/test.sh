#!/usr/bin/env bash
# The whole test suite. Prefect, GX and the browser tests use temp dirs and loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
export PREFECT_SERVER_ANALYTICS_ENABLED=false GX_ANALYTICS_ENABLED=false DO_NOT_TRACK=1
export NEWSDESK_CORPORA=${NEWSDESK_CORPORA:-$(pwd)/../shared/corpora}
exec .venv/bin/pytest -q -p no:cacheprovider "$@"
