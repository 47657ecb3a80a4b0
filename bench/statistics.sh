#!/usr/bin/env bash
# Propensity fit + 1:1 NN matching + balance: Qadam.Statistics vs R MatchIt, side by side in one run.
# Usage: bench/statistics.sh [SIZES…]   (default: 100000 1000000). MatchIt is given MATCHIT_TIMEOUT seconds
# per size (default 600); at 1,000,000 rows it is known not to finish in 30 minutes on this machine.
set -uo pipefail
cd "$(dirname "$0")/.."
SIZES=${*:-100000 1000000}
OUT=bench/out; mkdir -p "$OUT"
TIMEOUT=${MATCHIT_TIMEOUT:-600}
if ! Rscript -e 'library(MatchIt)' >/dev/null 2>&1; then
  echo "installing R + MatchIt (Debian packages)…"; apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq r-base-core r-cran-matchit >/dev/null
fi
dotnet build bench/Qadam.Bench -c Release -nologo -v q >/dev/null || exit 1
BENCH="dotnet bench/Qadam.Bench/bin/Release/net10.0/Qadam.Bench.dll"
printf "%-10s %14s %14s %10s   %s\n" rows "qadam median s" "MatchIt median s" ratio "ATT (qadam / MatchIt)"
for n in $SIZES; do
  f="$OUT/stats-$n.csv"
  [ -f "$f" ] || $BENCH gen-stats "$n" 20261122 "$f"
  q=$($BENCH stats "$f" 5)
  qs=$(sed -E 's/.*median_s=([0-9.]+).*/\1/' <<<"$q"); qa=$(sed -E 's/.*att=([-0-9.]+).*/\1/' <<<"$q")
  r=$(timeout "$TIMEOUT" Rscript bench/matchit_bench.R "$f" $([ "$n" -le 100000 ] && echo 3 || echo 1) 2>/dev/null)
  if [ -n "$r" ]; then
    rs=$(sed -E 's/.*median_s=([0-9.]+).*/\1/' <<<"$r"); ra=$(sed -E 's/.*att=([-0-9.]+).*/\1/' <<<"$r")
    ratio=$(python3 -c "print(f'{$rs/$qs:.0f}x')")
  else
    rs=">$TIMEOUT"; ra="(did not finish)"; ratio=">$(python3 -c "print(f'{$TIMEOUT/$qs:.0f}x')")"
  fi
  printf "%-10s %14s %14s %10s   %s / %s\n" "$n" "$qs" "$rs" "$ratio" "$qa" "$ra"
done
