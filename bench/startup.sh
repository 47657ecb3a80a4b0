#!/usr/bin/env bash
# Time from `dotnet run --project src/Qadam.Web` to the first page answering 200, on an empty data folder
# (migrate + demo seed) and again on the seeded one; then the seeded SQLite database's size.
# Builds first, so build time is excluded (reported separately).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=$(mktemp -d /tmp/qadam-startup.XXXXXX)
t0=$(date +%s.%N); dotnet build src/Qadam.Web -nologo -v q >/dev/null || exit 1; t1=$(date +%s.%N)
printf "build (incremental, restore done): %.1f s\n" "$(echo "$t1 - $t0" | bc)"
PORT=$((5100 + RANDOM % 500))
for run in first second; do
  start=$(date +%s.%N)
  # exec: the background job is the app itself, so it is stopped by its own PID (never by pattern).
  ( cd "$WORK" && ASPNETCORE_ENVIRONMENT=Development exec dotnet "$ROOT/src/Qadam.Web/bin/Debug/net10.0/Qadam.Web.dll" --urls "http://127.0.0.1:$PORT" >"$WORK/$run.log" 2>&1 ) &
  pid=$!
  until ! kill -0 "$pid" 2>/dev/null || curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$PORT/Account/Login" 2>/dev/null | grep -q 200; do sleep 0.1; done
  end=$(date +%s.%N)
  printf "%s start (%s): %.1f s to the first page\n" "$run" "$([ $run = first ] && echo 'empty data: migrate + seed' || echo 'seeded data')" "$(echo "$end - $start" | bc)"
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
done
python3 - "$WORK/data/qadam.db" <<'PY'
import sqlite3, sys, os
c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); c.close()
size = os.path.getsize(sys.argv[1])
c = sqlite3.connect(sys.argv[1])
print(f"seeded database: {size/1024:.0f} KiB ({c.execute('select count(*) from People').fetchone()[0]} people, "
      f"{c.execute('select count(*) from AspNetUsers').fetchone()[0]} users, {c.execute('select count(*) from AuditEvents').fetchone()[0]} audit events)")
PY
rm -rf "$WORK"
