#!/usr/bin/env bash
# Propensity fit + 1:1 NN matching + balance: Qadam.Statistics vs R MatchIt, side by side in one run, on the same data.
# Usage: bench/statistics.sh [SIZES…]   (default: 5000 20000 100000). MatchIt is given MATCHIT_TIMEOUT seconds per size
# (default 600); at 1,000,000 rows it is known not to finish in 30 minutes on this machine.
# Exits non-zero when MatchIt finished and Qadam's ATT (to 6 decimals) or matched pairs differ from MatchIt's (issue #14).
set -uo pipefail
cd "$(dirname "$0")/.."
SIZES=${*:-5000 20000 100000}
OUT=bench/out; mkdir -p "$OUT"
TIMEOUT=${MATCHIT_TIMEOUT:-600}
if ! Rscript -e 'library(MatchIt)' >/dev/null 2>&1; then
  echo "installing R + MatchIt (Debian packages)…"; apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends r-base-core r-cran-matchit >/dev/null
fi
dotnet build bench/Qadam.Bench -c Release -nologo -v q >/dev/null || exit 1
BENCH="dotnet bench/Qadam.Bench/bin/Release/net10.0/Qadam.Bench.dll"
# The rows of one generated file (seed 20261122): the first N rows of the largest size, as issue #14 compared them.
MAX=$(printf "%s\n" $SIZES | sort -n | tail -1)
ALL="$OUT/stats-$MAX.csv"
[ -f "$ALL" ] || $BENCH gen-stats "$MAX" 20261122 "$ALL"
status=0
printf "%-10s %14s %16s %8s   %-24s %s\n" rows "qadam median s" "MatchIt median s" ratio "ATT (qadam / MatchIt)" "pairs equal"
for n in $SIZES; do
  f="$OUT/stats-first-$n.csv"
  head -n $((n + 1)) "$ALL" > "$f"
  q=$($BENCH stats "$f" 5 "$OUT/pairs-qadam-$n.csv")
  qs=$(sed -E 's/.*median_s=([0-9.]+).*/\1/' <<<"$q"); qa=$(sed -E 's/.*att=([-0-9.]+).*/\1/' <<<"$q")
  r=$(timeout "$TIMEOUT" Rscript bench/matchit_bench.R "$f" $([ "$n" -le 100000 ] && echo 3 || echo 1) "$OUT/pairs-matchit-$n.csv" 2>/dev/null)
  if [ -n "$r" ]; then
    rs=$(sed -E 's/.*median_s=([0-9.]+).*/\1/' <<<"$r"); ra=$(sed -E 's/.*att=([-0-9.]+).*/\1/' <<<"$r")
    ratio=$(python3 -c "print(f'{$rs/$qs:.0f}x')")
    same=$(python3 - "$OUT/pairs-qadam-$n.csv" "$OUT/pairs-matchit-$n.csv" <<'PY'
import sys
a = [l.strip() for l in open(sys.argv[1]) if l.strip()]
b = [l.strip().replace('"', '') for l in open(sys.argv[2]) if l.strip()]
same = sum(x == y for x, y in zip(a, b))
print(f"{same}/{len(b)}" if len(a) == len(b) else f"{same}/{len(b)} (qadam {len(a)} pairs)")
PY
)
    if [ "$qa" != "$ra" ] || [ "${same%%/*}" != "${same##*/}" ]; then status=1; same="$same  DIFFERENT"; fi
  else
    rs=">$TIMEOUT"; ra="(did not finish)"; ratio=">$(python3 -c "print(f'{$TIMEOUT/$qs:.0f}x')")"; same="—"
  fi
  printf "%-10s %14s %16s %8s   %-24s %s\n" "$n" "$qs" "$rs" "$ratio" "$qa / $ra" "$same"
done
[ "$status" = 0 ] || echo "Qadam's nearest-neighbour matching differs from MatchIt's (see above)."
exit $status
