#!/usr/bin/env bash
# The price in time of the coordinator's options (women's quota per region, mentor capacity): the same instance
# solved plain (fast path), with a 50% quota, and with the quota plus mentor capacity (exact min-cost flow, solved
# per independent part). Usage: bench/constraints.sh [SIZES…] (default: 600 10000). Medians of RUNS (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out; mkdir -p "$OUT"
/usr/bin/python3 -c 'import numpy' 2>/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy >/dev/null; }
dotnet build bench/Qadam.Bench -c Release -nologo -v q >/dev/null
for n in ${*:-600 10000}; do
  if [ -f "/work/shared/data/matching/n$n.youth.csv" ]; then base=/work/shared/data/matching/n$n
  else base=$OUT/n$n; [ -f "$base.youth.csv" ] || /usr/bin/python3 /work/shared/data/matching/gen_instance.py --n "$n" --seed 20240601 --out "$base.csap" --meta "$base" >/dev/null; fi
  dotnet bench/Qadam.Bench/bin/Release/net10.0/Qadam.Bench.dll constrained "$base.csap" "$base.youth.csv" "${RUNS:-3}"
done
