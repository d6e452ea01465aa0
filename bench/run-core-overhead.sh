#!/usr/bin/env bash
# Measures Plinth's per-transaction overhead against plain HikariCP + JDBC (see docs/BENCHMARKS.md).
# Run from the repository root: bench/run-core-overhead.sh
# Environment: PLINTH_BENCH_POSTGRESQL_ADMIN_URL (where to create the plinth_bench database),
# PLINTH_BENCH_POSTGRESQL_URL (the benchmark database), JMH_ARGS (JMH run settings replacing the defaults, e.g. "-f 2 -wi 2 -w 5s -i 4 -r 5s").
set -euo pipefail

cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar
results=bench/target/core-overhead.json

echo "== building db-core and the benchmark jar" >&2
mvn -q -B install -DskipTests -pl db-testing -am
mvn -q -B -f bench/pom.xml package -DskipTests

backends=sqlite
if java -cp "$jar" dev.plinth.bench.PostgresBenchDatabase create; then
  backends=sqlite,postgresql
  trap 'java -cp "$jar" dev.plinth.bench.PostgresBenchDatabase drop' EXIT
else
  echo "== PostgreSQL does not answer: skipping it, measuring SQLite only" >&2
fi

echo "== running JMH on: $backends" >&2
# One fork, one thread: the numbers are per transaction on an otherwise idle pool; settings sized
# for a 2-core machine (about 45 s per benchmark and backend).
# shellcheck disable=SC2086
# JMH_ARGS, when set, replaces these run settings (JMH refuses an option given twice).
settings=${JMH_ARGS:--f 1 -t 1 -wi 3 -w 5s -i 5 -r 5s}
java -jar "$jar" 'dev.plinth.bench.CoreOverheadBenchmark' \
  -p backend="$backends" $settings -prof gc -rf json -rff "$results"

python3 - "$results" <<'PY'
import json, sys

rows = {}
for r in json.load(open(sys.argv[1])):
    name = r["benchmark"].rsplit(".", 1)[1]
    side = "plinth" if name.startswith("plinth") else "raw"
    case = name[len(side):].lower()
    m = r["primaryMetric"]
    alloc = r["secondaryMetrics"].get("gc.alloc.rate.norm", {}).get("score", float("nan"))
    rows.setdefault((r["params"]["backend"], case), {})[side] = (m["score"], float(m["scoreError"]), alloc)

print()
print("| backend | case | Plinth us/op | raw us/op | Plinth/raw | Plinth B/op | raw B/op |")
print("|---|---|---|---|---|---|---|")
for (backend, case), sides in sorted(rows.items()):
    p, r = sides["plinth"], sides["raw"]
    print(f"| {backend} | {case} | {p[0]:.2f} ± {p[1]:.2f} | {r[0]:.2f} ± {r[1]:.2f} "
          f"| {p[0] / r[0]:.3f} | {p[2]:.0f} | {r[2]:.0f} |")
PY
