#!/usr/bin/env bash
# Start/stop the local Prefect server and the deployment runner, by PID (never by name).
#   scripts/prefect.sh server       start `prefect server start` on 127.0.0.1:4200, wait until healthy
#   scripts/prefect.sh deployments  start `python flows/serve.py` (the deployments of $NEWSDESK_DEPLOYMENTS,
#                                   default flows/deployments.toml), unless its runner is already running
#   scripts/prefect.sh down         stop both
set -euo pipefail
set -m  # own process groups, so the background jobs can be stopped as a group
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=${BIN:-$ROOT/.venv/bin}
export PREFECT_HOME=${PREFECT_HOME:-$ROOT/.prefect}
export PREFECT_API_URL=${PREFECT_API_URL:-http://127.0.0.1:4200/api}
export PREFECT_SERVER_ANALYTICS_ENABLED=false GX_ANALYTICS_ENABLED=false DO_NOT_TRACK=1
mkdir -p "$PREFECT_HOME"
PORT=$(echo "$PREFECT_API_URL" | sed -E 's#.*:([0-9]+)/api#\1#')

wait_health() {
  for _ in $(seq 1 120); do
    if "$BIN/python" -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1]+'/health', timeout=2)" "$PREFECT_API_URL" 2>/dev/null; then
      return 0
    fi
    sleep 0.5
  done
  echo "prefect server did not become healthy; see $PREFECT_HOME/server.log" >&2
  return 1
}

stop_pid() {
  local f=$1
  [ -f "$f" ] || return 0
  local pid; pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

case "${1:-}" in
  server)
    if [ -f "$PREFECT_HOME/server.pid" ] && kill -0 "$(cat "$PREFECT_HOME/server.pid")" 2>/dev/null; then
      echo "prefect server already running (pid $(cat "$PREFECT_HOME/server.pid"))"; exit 0
    fi
    "$BIN/prefect" server start --host 127.0.0.1 --port "$PORT" >"$PREFECT_HOME/server.log" 2>&1 &
    echo $! >"$PREFECT_HOME/server.pid"
    wait_health
    echo "prefect server: http://127.0.0.1:$PORT (pid $(cat "$PREFECT_HOME/server.pid"), log $PREFECT_HOME/server.log)"
    ;;
  deployments)
    CONFIG=${NEWSDESK_DEPLOYMENTS:-flows/deployments.toml}
    if [ -f "$PREFECT_HOME/deployments.pid" ] && kill -0 "$(cat "$PREFECT_HOME/deployments.pid")" 2>/dev/null; then
      echo "deployment runner already running (pid $(cat "$PREFECT_HOME/deployments.pid")); to serve $CONFIG again: make down server deployments"; exit 0
    fi
    wait_health
    "$BIN/python" flows/serve.py >"$PREFECT_HOME/deployments.log" 2>&1 &
    echo $! >"$PREFECT_HOME/deployments.pid"
    for _ in $(seq 1 120); do
      if "$BIN/python" flows/serve.py --check 2>/dev/null; then
        echo "deployments served (pid $(cat "$PREFECT_HOME/deployments.pid")) from $CONFIG:"
        "$BIN/python" -c "import sys; sys.path.insert(0, 'flows'); from serve import load_config; print('\n'.join('  ingest/' + d['name'] for d in load_config()))"
        exit 0
      fi
      kill -0 "$(cat "$PREFECT_HOME/deployments.pid")" 2>/dev/null || break
      sleep 1
    done
    echo "deployments did not register; see $PREFECT_HOME/deployments.log" >&2; exit 1
    ;;
  down)
    stop_pid "$PREFECT_HOME/deployments.pid"
    stop_pid "$PREFECT_HOME/server.pid"
    echo "stopped"
    ;;
  *)
    echo "usage: $0 server|deployments|down" >&2; exit 2 ;;
esac
