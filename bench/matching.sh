#!/usr/bin/env bash
# Exact capacitated assignment: `qadam match` vs LEMON 1.3.1 NetworkSimplex (two-phase), side by side.
# Usage: bench/matching.sh [SIZES…] (default: 10000 100000). Instances other than the shared n10000 are
# generated into bench/out with the shared generator (needs Debian's python3-numpy). LEMON gets
# LEMON_TIMEOUT seconds per instance (default 900). Times are solve-only, median of RUNS (default 3).
set -uo pipefail
cd "$(dirname "$0")/.."
SIZES=${*:-10000 100000}
RUNS=${RUNS:-3}
OUT=bench/out; mkdir -p "$OUT"
need=()
[ -f /usr/include/lemon/network_simplex.h ] || need+=(liblemon-dev)
/usr/bin/python3 -c 'import numpy' 2>/dev/null || need+=(python3-numpy)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; fi
[ -x "$OUT/lemon_solve" ] || g++ -O2 -o "$OUT/lemon_solve" bench/lemon_solve.cpp || exit 1
dotnet build src/Qadam.Cli -c Release -nologo -v q >/dev/null || exit 1
QADAM="dotnet src/Qadam.Cli/bin/Release/net10.0/qadam.dll match"

median() { python3 -c "import sys,statistics;print(f'{statistics.median(float(x) for x in sys.argv[1:]):.3f}')" "$@"; }
field() { sed -E "s/.*\"$1\":([0-9.]+).*/\1/" <<<"$2"; }
printf "%-9s %10s %10s %7s %12s %12s  %s\n" size "qadam s" "LEMON s" ratio "qadam MB" "LEMON MB" objective
for n in $SIZES; do
  f=/work/shared/data/matching/n$n.csap
  [ -f "$f" ] || f="$OUT/n$n.csap"
  [ -f "$f" ] || /usr/bin/python3 /work/shared/data/matching/gen_instance.py --n "$n" --seed 20240601 --out "$f" >/dev/null
  qs=(); ls=(); qmem=0; lmem=0; q=""; l=""
  for r in $(seq "$RUNS"); do
    q=$( { /usr/bin/time -f "%M" $QADAM "$f" 2>"$OUT/.qmem"; } ); qs+=("$(field seconds "$q")"); qmem=$(tail -1 "$OUT/.qmem")
    l=$( { /usr/bin/time -f "%M" timeout "${LEMON_TIMEOUT:-900}" "$OUT/lemon_solve" "$f" 2>"$OUT/.lmem"; } )
    if [ -n "$l" ]; then ls+=("$(field seconds "$l")"); lmem=$(tail -1 "$OUT/.lmem"); fi
  done
  qm=$(median "${qs[@]}")
  if [ ${#ls[@]} -gt 0 ]; then
    lm=$(median "${ls[@]}"); ratio=$(python3 -c "print(f'{$lm/$qm:.1f}x')")
    same=$([ "$(field assigned "$q")/$(field cost "$q")" = "$(field assigned "$l")/$(field cost "$l")" ] && echo "equal" || echo "DIFFERENT")
  else lm="timeout"; ratio="-"; same="(LEMON did not finish)"; fi
  printf "%-9s %10s %10s %7s %12s %12s  %s/%s %s\n" "$n" "$qm" "$lm" "$ratio" "$((qmem / 1024))" "$((lmem / 1024))" "$(field assigned "$q")" "$(field cost "$q")" "$same"
done
