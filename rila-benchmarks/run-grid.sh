#!/usr/bin/env bash
# The benchmark grid: rila (GridBenchmark, JMH) next to scikit-learn 1.2.1
# (python/grid_reference.py, BaggingRegressor(Ridge(alpha=1), n_jobs=-1)) on identical data, cell by
# cell, the two sides alternating so that both see the same machine load; then GridReport writes
# the grid's section of docs/performance.md and docs/grid-speedup.png.
#
#   rila-benchmarks/run-grid.sh [--skip-build] [--smoke]
#
# Cells are ROWSxFEATURESxMEMBERS: rows {50, 150, 600, 1500, 5000, 20000} x features {4, 30, 100,
# 598, 2000}, with fewer members where a scikit-learn fit would otherwise take more than about a
# second on a quiet 2-core machine (the same members on both sides), and the members axis 100 /
# 1,000 / 10,000 / 100,000 at 150 x 598 (scikit-learn at 100 and 1,000, each fitted once; its
# 10,000 take minutes under load). scikit-learn: median of up to 3 fits, fewer once a cell's fits
# took 6 s; rila: JMH, 2 warm-up and 5 measured iterations. About 15 minutes on a quiet 2-core
# machine, twice that on a busy one. Intermediate files: rila-benchmarks/target/grid/.
# --smoke runs three small cells with short iterations and writes to target/grid/smoke-docs.
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
smoke=false
for arg in "$@"; do
  case "$arg" in
    --skip-build) build=false ;;
    --smoke) smoke=true ;;
    *) echo "unknown option $arg (expected: --skip-build, --smoke)" >&2; exit 2 ;;
  esac
done

grid="50x4x200 50x30x200 50x100x200 50x598x200 50x2000x200
150x4x200 150x30x200 150x100x200 150x598x200 150x2000x100
600x4x200 600x30x200 600x100x200 600x598x50 600x2000x20
1500x4x200 1500x30x200 1500x100x100 1500x598x40 1500x2000x6
5000x4x200 5000x30x100 5000x100x100 5000x598x10 5000x2000x2
20000x4x100 20000x30x50 20000x100x40 20000x598x4 20000x2000x2"
members_rila="150x598x100 150x598x1000 150x598x10000 150x598x100000"
members_sklearn="150x598x100 150x598x1000"

jar=rila-benchmarks/target/benchmarks.jar
work=rila-benchmarks/target/grid
python="${PYTHON:-/usr/bin/python3}"
jmh_args=(-f 1 -wi 2 -i 5 -w 1s -r 1s)
sklearn_args=(--repeats 3 --budget 6)
docs=docs
if $smoke; then
  grid="50x4x100 600x100x50 1500x598x10"
  members_rila="150x598x100 150x598x1000"
  members_sklearn="150x598x100"
  jmh_args=(-f 1 -wi 1 -i 1 -w 200ms -r 200ms)
  sklearn_args=(--repeats 1)
  docs="$work/smoke-docs"
fi
if ! "$python" -c 'import sklearn' 2>/dev/null; then
  echo "run-grid: $python has no scikit-learn (Debian: apt-get install python3-sklearn)" >&2
  exit 2
fi
if $build; then
  mvn -B -ntp -q -pl rila-benchmarks -am -DskipTests package
fi
rm -rf "$work"
mkdir -p "$work/jmh" "$docs"
start=$SECONDS
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

rila() {
  local out="$1" cell="$2"
  java -Djmh.ignoreLock=true -jar "$jar" "${jmh_args[@]}" -prof gc -foe true -rf json -rff "$out" \
    'GridBenchmark.fit' \
    -p cell="$cell" -p form=AUTO >"$out.log" 2>&1 || { tail -n 30 "$out.log" >&2; exit 1; }
  grep -E '^GridBenchmark\.fit ' "$out.log" || true
}

for cell in $grid; do
  echo "== $cell ($((SECONDS - start)) s so far)"
  "$python" rila-benchmarks/python/grid_reference.py --cells "$cell" --append \
    --out "$work/sklearn-grid.json" "${sklearn_args[@]}"
  rila "$work/jmh/grid-$cell.json" "$cell"
done
echo "== members axis ($((SECONDS - start)) s so far)"
for cell in $members_rila; do
  if [[ " $members_sklearn " == *" $cell "* ]]; then
    "$python" rila-benchmarks/python/grid_reference.py --cells "$cell" --append --repeats 1 \
      --out "$work/sklearn-members.json"
  fi
  rila "$work/jmh/members-$cell.json" "$cell"
done

merge() {
  "$python" -c 'import json, sys; print(json.dumps([r for f in sys.argv[1:] for r in json.load(open(f))]))' "$@"
}
merge "$work"/jmh/grid-*.json >"$work/jmh-grid.json"
merge "$work"/jmh/members-*.json >"$work/jmh-members.json"
java -cp "$jar" io.rila.benchmarks.report.GridReport --grid-jmh "$work/jmh-grid.json" \
  --grid-sklearn "$work/sklearn-grid.json" --members-jmh "$work/jmh-members.json" \
  --members-sklearn "$work/sklearn-members.json" --out "$docs" \
  --note "Load average (1, 5, 15 min) when the run started: $load_before; when it ended:\
 $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores."
echo "== done ($((SECONDS - start)) s)"
