#!/usr/bin/env bash
# Measures rila next to scikit-learn and writes docs/performance.md with its charts:
#   1. builds rila-benchmarks/target/benchmarks.jar (mvn package, tests skipped),
#   2. writes the benchmark data as CSV (io.rila.benchmarks.BenchmarkData),
#   3. runs the scikit-learn reference on it (python/sklearn_reference.py; skipped with a warning
#      when $PYTHON, default /usr/bin/python3, lacks scikit-learn),
#   4. runs every JMH benchmark (1 fork, 3 warm-up and 5 measured iterations of 1 s, -prof gc),
#   5. generates the report (io.rila.benchmarks.report.ReportGenerator).
# Run it on a quiet machine: other work running at the same time makes every number noise.
#
# Expected duration on 2 cores: about 15 to 20 minutes (build 1, scikit-learn 3, JMH 11 to 15);
# --with-10000 adds about 2 minutes. Intermediate files: rila-benchmarks/target/report/.
#
# Options:
#   --with-10000   also time scikit-learn's 10,000-member fits (each run once)
#   --smoke        tiny sizes and iterations, report in rila-benchmarks/target/report/smoke-docs
#                  instead of docs/ (checks the pipeline end to end in about 5 minutes)
#   --skip-build   reuse the existing benchmarks.jar
set -euo pipefail
cd "$(dirname "$0")/.."

with_10000=false
smoke=false
build=true
for arg in "$@"; do
  case "$arg" in
    --with-10000) with_10000=true ;;
    --smoke) smoke=true ;;
    --skip-build) build=false ;;
    *) echo "unknown option $arg (expected: --with-10000, --smoke, --skip-build)" >&2; exit 2 ;;
  esac
done

jar=rila-benchmarks/target/benchmarks.jar
work=rila-benchmarks/target/report
python="${PYTHON:-/usr/bin/python3}"
mkdir -p "$work"
start=$SECONDS
step() { echo "== $1 ($((SECONDS - start)) s so far)"; }

if $build; then
  step "build"
  mvn -B -ntp -q -pl rila-benchmarks -am -DskipTests package
fi

step "benchmark data"
java -cp "$jar" io.rila.benchmarks.BenchmarkData "$work/data"

sklearn_args=()
jmh_args=(-f 1 -wi 3 -i 5 -w 1s -r 1s)
docs=docs
if $smoke; then
  sklearn_args=(--sizes 10,20 --predict-members 100 --repeats 1)
  jmh_args=(-f 1 -wi 1 -i 1 -w 200ms -r 200ms -p members=100 -p threads=1,2)
  docs="$work/smoke-docs"
elif $with_10000; then
  sklearn_args=(--with-10000)
fi

sklearn_report=()
step "scikit-learn reference"
if "$python" -c 'import sklearn' 2>/dev/null; then
  "$python" rila-benchmarks/python/sklearn_reference.py "$work/data" \
    --out "$work/sklearn-reference.json" "${sklearn_args[@]}"
  sklearn_report=(--sklearn "$work/sklearn-reference.json")
else
  echo "warning: $python has no scikit-learn; the report's scikit-learn columns stay empty" >&2
fi

step "JMH suite"
java -jar "$jar" "${jmh_args[@]}" -prof gc -foe true -rf json -rff "$work/jmh-result.json" \
  -e GridBenchmark 'io\.rila\.benchmarks\..*Benchmark'

step "report"
java -cp "$jar" io.rila.benchmarks.report.ReportGenerator --jmh "$work/jmh-result.json" \
  "${sklearn_report[@]}" --out "$docs"
step "done"
