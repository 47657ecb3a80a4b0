#!/usr/bin/env bash
# Person search and the people list at scale on PostgreSQL: seeds the demo plus N synthetic people into a throwaway
# server (loopback only), then times the queries the application sends (EXPLAIN ANALYZE execution time, median of
# RUNS) beside hand-written SQL on the same indexes, and prints each plan once (bench/results/search-plans-N.txt).
# Usage: bench/search.sh [N=200000] [RUNS=7]. Stops only the server it started.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200000}; RUNS=${2:-7}
export QADAM_PG_DIR=$(mktemp -d /tmp/qadam-bench-pg.XXXXXX)
export QADAM_PG_PORT=$((58000 + RANDOM % 1000))
trap 'QADAM_PG_DIR=$QADAM_PG_DIR scripts/pg-stop' EXIT
SERVER=$(scripts/pg-start)
WORK=$(mktemp -d /tmp/qadam-bench-search.XXXXXX)
export Database__Provider=Postgres Database__ConnectionString="$SERVER;Database=qadam_bench_search"
(cd "$WORK" && "$OLDPWD/scripts/qadam" seed >/dev/null && QADAM_NO_BUILD=1 "$OLDPWD/scripts/qadam" seed --synthetic "$N")
PSQL=(psql -h 127.0.0.1 -p "$QADAM_PG_PORT" -U postgres -d qadam_bench_search -X -q -t -A)
"${PSQL[@]}" -c 'VACUUM ANALYZE'
read -r ORG USR < <("${PSQL[@]}" -F ' ' -c "select \"OrganisationId\", \"Id\" from \"AspNetUsers\" where \"Email\" = 'caseworker1@demo.qadam.kz'")
mkdir -p bench/results
PLANS=bench/results/search-plans-$N.txt; : > "$PLANS"
time_of() { # query variable → median execution time (ms) of RUNS runs, after one warm-up
  local q=$1 out
  out=$( { cat bench/search/queries.sql; echo '\o'; for i in $(seq 0 "$RUNS"); do echo "EXPLAIN (ANALYZE, COSTS off) :$q;"; done; } \
    | "${PSQL[@]}" -v org="$ORG" -v usr="$USR" -f - )
  { echo "== $q"; echo "$out" | awk '/Execution Time/{n++} n==0'; } >> "$PLANS"
  echo "$out" | grep 'Execution Time' | tail -n "$RUNS" | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'
}
printf '%-34s %10s %10s %7s\n' "query ($N synthetic people)" "Qadam ms" "SQL ms" ratio
for pair in "people list (newest 25):app_list:ref_list" "name search, 2 words:app_name:ref_name" "name search count (≤1,001):app_name_count:ref_name" "IIN search:app_iin:ref_iin"; do
  IFS=: read -r label app ref <<< "$pair"
  a=$(time_of "$app"); r=$(time_of "$ref")
  printf '%-34s %10s %10s %7s\n' "$label" "$a" "$r" "$(awk -v a="$a" -v r="$r" 'BEGIN{printf "%.1f×", a/r}')"
done
echo "plans: $PLANS"
rm -rf "$WORK"
