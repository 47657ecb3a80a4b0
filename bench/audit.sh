#!/usr/bin/env bash
# Audited writes per second at 32 concurrent clients on a throwaway PostgreSQL (loopback only), beside the same
# writes without audit in the same run, then `audit verify`-style chain verification. Stops only what it started.
# Usage: bench/audit.sh [CLIENTS=32] [SECONDS=10] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
export QADAM_PG_DIR=$(mktemp -d /tmp/qadam-bench-pg.XXXXXX)
export QADAM_PG_PORT=$((58000 + RANDOM % 1000))
trap 'QADAM_PG_DIR=$QADAM_PG_DIR scripts/pg-stop' EXIT
SERVER=$(scripts/pg-start)
dotnet build bench/Qadam.Bench.Audit -c Release -nologo -v q >/dev/null
echo "PostgreSQL:"
dotnet bench/Qadam.Bench.Audit/bin/Release/net10.0/Qadam.Bench.Audit.dll "$SERVER;Database=qadam_bench_audit;Maximum Pool Size=64" "${1:-32}" "${2:-10}" "${3:-3}"
# SQLite (the embedded default): one writer per database, so events are linked inside the writer's own transaction.
SQLITE_DIR=$(mktemp -d /tmp/qadam-bench-sqlite.XXXXXX)
echo "SQLite:"
dotnet bench/Qadam.Bench.Audit/bin/Release/net10.0/Qadam.Bench.Audit.dll "Data Source=$SQLITE_DIR/audit.db" "${1:-32}" "${2:-10}" "${3:-3}"
rm -rf "$SQLITE_DIR"
