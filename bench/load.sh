#!/usr/bin/env bash
# Person search and audited person creation over HTTP at national scale, beside plain SQL on the same database in the
# same run (bench/Qadam.Bench.Load). PostgreSQL: a throwaway server with the demo plus PG_N synthetic people, 32
# clients (PG_N=0: skip). SQLite (the embedded default): SQLITE_N synthetic people, 8 clients (0: skip). Loopback only; stops only the processes
# it started, by PID. Usage: bench/load.sh [PG_N=1000000 (0: skip)] [SQLITE_N=100000 (0: skip)] [SECONDS=15]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PG_N=${1:-1000000}; SQLITE_N=${2:-100000}; SECONDS_EACH=${3:-15}
export LOAD_WARMUP=${WARMUP:-60}
dotnet build src/Qadam.Web -c Release -nologo -v q >/dev/null
dotnet build bench/Qadam.Bench.Load -c Release -nologo -v q >/dev/null
LOAD=(dotnet "$ROOT/bench/Qadam.Bench.Load/bin/Release/net10.0/Qadam.Bench.Load.dll")
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; [ -n "${QADAM_PG_DIR:-}" ] && QADAM_PG_DIR=$QADAM_PG_DIR scripts/pg-stop >/dev/null 2>&1 || true; }
trap cleanup EXIT

# start_qadam WORKDIR PORT: the web app on loopback (exec: the PID is the app's own), waits until it answers.
start_qadam() {
  ( cd "$1" && DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development exec dotnet "$ROOT/src/Qadam.Web/bin/Release/net10.0/Qadam.Web.dll" --urls "http://127.0.0.1:$2" >"$1/web-$2.log" 2>&1 ) &
  PIDS+=($!)
  local pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$2/health/live"; do kill -0 "$pid" 2>/dev/null || { cat "$1/web-$2.log"; exit 1; }; sleep 0.2; done
}
stop_last() { local p=${PIDS[-1]}; kill "$p"; wait "$p" 2>/dev/null || true; unset 'PIDS[-1]'; }

if [ "$PG_N" -gt 0 ]; then
echo "== PostgreSQL, $PG_N synthetic people"
export QADAM_PG_DIR=$(mktemp -d /tmp/qadam-bench-pg.XXXXXX)
export QADAM_PG_PORT=$((58000 + RANDOM % 1000))
# Durable and sized like a server of its own (not the tests' fsync-off instance): the figures count every fsync.
export QADAM_PG_OPTS="-c fsync=on -c synchronous_commit=on -c full_page_writes=on -c shared_buffers=2GB -c max_parallel_workers_per_gather=0"
SERVER=$(scripts/pg-start)
WORK=$(mktemp -d /tmp/qadam-bench-load.XXXXXX)
PG="$SERVER;Database=qadam_bench_load;Maximum Pool Size=100"
( export Database__Provider=Postgres Database__ConnectionString="$PG"; cd "$WORK" && QADAM_NO_BUILD=1 "$ROOT/scripts/qadam" seed >/dev/null && QADAM_NO_BUILD=1 "$ROOT/scripts/qadam" seed --synthetic "$PG_N" )
psql -h 127.0.0.1 -p "$QADAM_PG_PORT" -U postgres -d qadam_bench_load -X -q -c 'VACUUM ANALYZE'
PORT=$((5600 + RANDOM % 300))
Database__Provider=Postgres Database__ConnectionString="$PG" start_qadam "$WORK" "$PORT"
export LOAD_SERVER_PIDS=${PIDS[-1]}
"${LOAD[@]}" search "http://127.0.0.1:$PORT" "$PG" 32 "$SECONDS_EACH"
"${LOAD[@]}" create "http://127.0.0.1:$PORT" "$PG" 32 "$SECONDS_EACH" "$WORK/ack.txt"
stop_last
"${LOAD[@]}" verify "$PG" "$WORK/ack.txt"
rm -rf "$WORK"
QADAM_PG_DIR=$QADAM_PG_DIR scripts/pg-stop >/dev/null 2>&1 || true; unset QADAM_PG_DIR
fi

[ "$SQLITE_N" -gt 0 ] || exit 0
echo "== SQLite (embedded default), $SQLITE_N synthetic people"
WORK=$(mktemp -d /tmp/qadam-bench-load.XXXXXX)
( cd "$WORK" && QADAM_NO_BUILD=1 "$ROOT/scripts/qadam" seed >/dev/null && QADAM_NO_BUILD=1 "$ROOT/scripts/qadam" seed --synthetic "$SQLITE_N" )
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('ANALYZE'); c.close()" "$WORK/data/qadam.db"
PORT=$((5900 + RANDOM % 300))
start_qadam "$WORK" "$PORT"
export LOAD_SERVER_PIDS=${PIDS[-1]}
"${LOAD[@]}" search "http://127.0.0.1:$PORT" "Data Source=$WORK/data/qadam.db" 8 "$SECONDS_EACH"
"${LOAD[@]}" create "http://127.0.0.1:$PORT" "Data Source=$WORK/data/qadam.db" 8 "$SECONDS_EACH" "$WORK/ack.txt"
stop_last
"${LOAD[@]}" verify "Data Source=$WORK/data/qadam.db" "$WORK/ack.txt"
rm -rf "$WORK"
