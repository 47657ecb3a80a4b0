#!/usr/bin/env bash
# Two Qadam instances on one PostgreSQL behind Debian's nginx (round robin), all on loopback:
#  1. sign-in with antiforgery: the login form is fetched from one instance and posted to the other, then a page is
#     read with the cookie (the data-protection key ring is in the shared database);
#  2. audited person creation at CLIENTS clients through the proxy; after KILL_AFTER seconds one instance is killed
#     with SIGKILL; clients retry a request that was not acknowledged; afterwards every acknowledged person must be in
#     the database and the audit chain must verify;
#  3. scheduled jobs (every second here) ran once per firing across both instances.
# Stops only what it started, by PID. Usage: bench/cluster.sh [N=20000] [CLIENTS=32] [SECONDS=20] [KILL_AFTER=8]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
N=${1:-20000}; CLIENTS=${2:-32}; SECONDS_EACH=${3:-20}; KILL_AFTER=${4:-8}
command -v nginx >/dev/null || { echo "nginx is not installed (apt-get install -y nginx)"; exit 2; }
dotnet build src/Qadam.Web -c Release -nologo -v q >/dev/null
dotnet build bench/Qadam.Bench.Load -c Release -nologo -v q >/dev/null
LOAD=(dotnet "$ROOT/bench/Qadam.Bench.Load/bin/Release/net10.0/Qadam.Bench.Load.dll")
WORK=$(mktemp -d /tmp/qadam-bench-cluster.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  QADAM_PG_DIR=$QADAM_PG_DIR scripts/pg-stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
export QADAM_PG_DIR=$(mktemp -d /tmp/qadam-bench-pg.XXXXXX)
export QADAM_PG_PORT=$((58000 + RANDOM % 1000))
# Durable and sized like a server of its own (not the tests' fsync-off instance): the figures count every fsync.
export QADAM_PG_OPTS="-c fsync=on -c synchronous_commit=on -c full_page_writes=on -c shared_buffers=2GB -c max_parallel_workers_per_gather=0"
SERVER=$(scripts/pg-start)
export Database__Provider=Postgres Database__ConnectionString="$SERVER;Database=qadam_bench_cluster;Maximum Pool Size=100"
export Jobs__Enabled=true Jobs__ReferralDeadlines__IntervalSeconds=1 Jobs__TaskReminders__IntervalSeconds=1 Jobs__Retention__IntervalSeconds=1 Jobs__CheckinSeconds=1
(cd "$WORK" && QADAM_NO_BUILD=1 "$ROOT/scripts/qadam" seed >/dev/null && QADAM_NO_BUILD=1 "$ROOT/scripts/qadam" seed --synthetic "$N")
BASE_PORT=$((6300 + RANDOM % 300)); A=$BASE_PORT; B=$((BASE_PORT + 1)); PROXY=$((BASE_PORT + 2))
start_qadam() { # PORT: exec, so the PID is the app's own
  mkdir -p "$WORK/i$1"
  ( cd "$WORK/i$1" && DOTNET_ENVIRONMENT=Development exec dotnet "$ROOT/src/Qadam.Web/bin/Release/net10.0/Qadam.Web.dll" --urls "http://127.0.0.1:$1" >"$WORK/web-$1.log" 2>&1 ) &
  PIDS+=($!)
  local pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$1/health/live"; do kill -0 "$pid" 2>/dev/null || { cat "$WORK/web-$1.log"; exit 1; }; sleep 0.2; done
}
start_qadam "$A"; PID_A=${PIDS[-1]}
start_qadam "$B"
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx-body; proxy_temp_path $WORK/nginx-proxy;
  fastcgi_temp_path $WORK/nginx-fastcgi; uwsgi_temp_path $WORK/nginx-uwsgi; scgi_temp_path $WORK/nginx-scgi;
  upstream qadam { server 127.0.0.1:$A max_fails=1 fail_timeout=5s; server 127.0.0.1:$B max_fails=1 fail_timeout=5s; keepalive 64; }
  server {
    listen 127.0.0.1:$PROXY;
    location / {
      proxy_pass http://qadam; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_set_header Host \$host; proxy_set_header X-Forwarded-For \$remote_addr; proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_next_upstream error timeout; proxy_connect_timeout 2s;
    }
  }
}
NGINX
nginx -c "$WORK/nginx.conf" -p "$WORK"
URL="http://127.0.0.1:$PROXY"
until curl -sf -o /dev/null "$URL/health/live"; do sleep 0.2; done

echo "== sign-in through the proxy (form from one instance, post to the other)"
JAR="$WORK/cookies"
TOKEN=$(curl -s -c "$JAR" -b "$JAR" "$URL/Account/Login" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
[ -n "$TOKEN" ] || { echo "no antiforgery token on the login page"; exit 1; }
CODE=$(curl -s -o /dev/null -w "%{http_code}" -c "$JAR" -b "$JAR" --data-urlencode "Email=caseworker1@demo.qadam.kz" --data-urlencode "Password=Demo-2026!" --data-urlencode "__RequestVerificationToken=$TOKEN" "$URL/Account/Login")
PAGES=$(for i in 1 2 3 4; do curl -s -o /dev/null -w "%{http_code} " -b "$JAR" "$URL/People"; done)
echo "  login post: $CODE (302 expected); the people page four times (both instances): $PAGES"
[ "$CODE" = 302 ] && [ "$PAGES" = "200 200 200 200 " ] || { echo "  FAILED"; exit 1; }

echo "== audited creation through the proxy; instance :$A killed with SIGKILL after $KILL_AFTER s"
( sleep $((KILL_AFTER + 3)); kill -9 "$PID_A"; echo "  (killed :$A at $(date +%T))" ) &
KILLER=$!
"${LOAD[@]}" create "$URL" "$Database__ConnectionString" "$CLIENTS" "$SECONDS_EACH" "$WORK/ack.txt"
wait "$KILLER"
"${LOAD[@]}" verify "$Database__ConnectionString" "$WORK/ack.txt"

echo "== scheduled jobs: each firing run once"
psql -h 127.0.0.1 -p "$QADAM_PG_PORT" -U postgres -d qadam_bench_cluster -X -q -t -A -F ' ' -c \
  "select count(*), count(distinct (\"Job\", \"ScheduledFor\")), count(distinct \"Instance\") from \"JobRuns\"" \
  | { read -r runs firings instances; echo "  $runs runs of $firings firings by $instances instances"; [ "$runs" = "$firings" ] || { echo "  FAILED: a firing ran twice"; exit 1; }; }
