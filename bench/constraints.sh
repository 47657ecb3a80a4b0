#!/usr/bin/env bash
# The price in time of the coordinator's options (women's quota per region, mentor capacity): the same instance
# solved plain (fast path), with a 50% quota, and with the quota plus mentor capacity (exact min-cost flow, warm-started
# from the plain optimum, solved per independent part); each constrained network also solved by LEMON 1.3.1
# NetworkSimplex (bench/lemon_network.cpp) in the same run, objectives compared.
# Usage: bench/constraints.sh [SIZES…] (default: 10000 100000). Medians of RUNS (default 3); LEMON one run each
# (LEMON_TIMEOUT seconds, default 900).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out; mkdir -p "$OUT"
need=()
[ -f /usr/include/lemon/network_simplex.h ] || need+=(liblemon-dev)
/usr/bin/python3 -c 'import numpy' 2>/dev/null || need+=(python3-numpy)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; fi
[ "$OUT/lemon_network" -nt bench/lemon_network.cpp ] || g++ -O2 -o "$OUT/lemon_network" bench/lemon_network.cpp
dotnet build bench/Qadam.Bench -c Release -nologo -v q >/dev/null
for n in ${*:-10000 100000}; do
  if [ -f "/work/shared/data/matching/n$n.youth.csv" ]; then base=/work/shared/data/matching/n$n
  else base=$OUT/n$n; [ -f "$base.youth.csv" ] || /usr/bin/python3 /work/shared/data/matching/gen_instance.py --n "$n" --seed 20240601 --out "$base.csap" --meta "$base" >/dev/null; fi
  net=$OUT/n$n
  /usr/bin/time -f "%M" -o "$OUT/.qmem" dotnet bench/Qadam.Bench/bin/Release/net10.0/Qadam.Bench.dll constrained "$base.csap" "$base.youth.csv" "${RUNS:-3}" "$net" | tee "$OUT/.constrained"
  echo "  Qadam peak_MB=$(( $(tail -1 "$OUT/.qmem") / 1024 )) (whole process: all three solves, the parsed instance and the networks written)"
  for kind in quota quota-mentors; do
    ours=$(grep "^${kind/-/+} " "$OUT/.constrained")
    l=$( { /usr/bin/time -f "%M" timeout "${LEMON_TIMEOUT:-900}" "$OUT/lemon_network" "$net.$kind.net" 2>"$OUT/.lmem"; } ) || l=""
    rm -f "$net.$kind.net"
    if [ -z "$l" ]; then echo "  LEMON $kind: did not finish"; continue; fi
    python3 - "$ours" "$l" "$(tail -1 "$OUT/.lmem")" "$kind" <<'PY'
import json, re, sys
ours = dict(re.findall(r"(\w+)=([-0-9.]+)", sys.argv[1])); l = json.loads(sys.argv[2])
P, W = int(ours["place_weight"]), int(ours["quota_weight"])
cost = l["total"] + P * l["assigned"] + W * l["quota"]
same = "equal" if int(ours["net_total"]) == l["total"] else "DIFFERENT"
print(f"  LEMON {sys.argv[4]:<14} seconds={l['seconds']:.3f} (ours/LEMON {float(ours['median_s']) / l['seconds']:.2f}) peak_MB={int(sys.argv[3]) // 1024} "
      f"assigned={l['assigned']} quota_met={l['quota']} cost={cost} objective {same}")
PY
  done
done
