#!/usr/bin/env bash
# Times one SQLite batch (add a column, make one BIGINT NOT NULL DEFAULT 0, drop one, rename one)
# over a large table with a unique constraint, an index and an incoming foreign key: Plinth (its
# default Recreate.AUTO, and Recreate.ALWAYS, the move and copy), Alembic 1.8's batch_alter_table
# and SQLite's twelve-step procedure by hand (see docs/BENCHMARKS.md).
# Run from the repository root: bench/run-batch-sqlite.sh
# Environment: ROWS (default 1000000), SMALL_ROWS (default 100000, the second size that shows
# Plinth's heap does not grow with the table), RUNS (runs per contender and data set, default 5),
# RANDOM_KEYS=0 to skip the data set with random-order unique keys (ROWS rows, names as UUIDs).
set -euo pipefail

cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar
results=bench/target/batch-sqlite.jsonl
rows=${ROWS:-1000000}
small_rows=${SMALL_ROWS:-100000}
runs=${RUNS:-5}
contenders=(plinth plinth-copy alembic handwritten)
datasets=("$small_rows:sequential" "$rows:sequential")
if [ "${RANDOM_KEYS:-1}" != 0 ]; then datasets+=("$rows:random"); fi
work=$(mktemp -d "${TMPDIR:-/tmp}/plinth-batch-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "== building db-migrate and the benchmark jar" >&2
mvn -q -B install -DskipTests -pl db-testing -am
mvn -q -B -f bench/pom.xml package -DskipTests

if ! /usr/bin/python3 -c 'import alembic' 2>/dev/null; then
  echo "== installing python3-alembic" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y python3-alembic; else sudo apt-get install -y python3-alembic; fi
fi

java_bench() {
  # A small heap on purpose: the operation must not need memory in proportion to the table.
  java -Xmx64m -cp "$jar" dev.plinth.bench.BatchSqliteBench "$@"
}

run_one() { # contender file
  case "$1" in
    alembic) /usr/bin/python3 bench/alembic/batch_alter.py "$2" ;;
    *) java_bench "$1" "$2" ;;
  esac
}

: >"$results"
for d in "${datasets[@]}"; do
  echo "== preparing ${d%:*} rows, ${d#*:} keys" >&2
  java_bench prepare "$work/template-$d.db" "${d%:*}" "${d#*:}"
done

for d in "${datasets[@]}"; do
  for ((i = 1; i <= runs; i++)); do
    for c in "${contenders[@]}"; do
      db="$work/run.db"
      rm -f "$db" "$db-wal" "$db-shm"
      cp "$work/template-$d.db" "$db"
      sync
      line=$(run_one "$c" "$db")
      load=$(cut -d' ' -f1 /proc/loadavg)
      echo "$line" | /usr/bin/python3 -c \
        'import json,sys; r=json.load(sys.stdin); r.update(rows=int(sys.argv[1]), keys=sys.argv[2], run=int(sys.argv[3]), load=float(sys.argv[4])); print(json.dumps(r))' \
        "${d%:*}" "${d#*:}" "$i" "$load" >>"$results"
      echo "   $d, run $i, $c: $(tail -1 "$results")" >&2
      if [ "$i" -eq 1 ]; then
        java_bench describe "$db" >"$work/describe-$d-$c.txt"
      fi
    done
  done
  for c in "${contenders[@]}"; do
    if ! diff -u "$work/describe-$d-plinth.txt" "$work/describe-$d-$c.txt" >&2; then
      echo "!! $c left a different result than plinth on $d" >&2
      exit 1
    fi
  done
done
echo "== every contender left the same tables, rows and keys" >&2

/usr/bin/python3 - "$results" "$rows" <<'PY'
import json, statistics, sys

runs = [json.loads(line) for line in open(sys.argv[1])]
big = (int(sys.argv[2]), "sequential")
order = ["plinth", "plinth-copy", "handwritten", "alembic"]
by = {}
for r in runs:
    by.setdefault((r["rows"], r["keys"], r["contender"]), []).append(r)

def median(data, contender, key="seconds"):
    return statistics.median(r[key] for r in by[data + (contender,)])

print()
print("| rows | unique keys | contender | median s | min s | max s | median CPU s | runs | SQLite "
      "| Plinth/contender (wall) | Plinth/contender (CPU) |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for (rows, keys, c), rs in sorted(by.items(), key=lambda kv: (kv[0][1] == "random", kv[0][0], order.index(kv[0][2]))):
    d = (rows, keys)
    print(f"| {rows:,} | {keys} | {c} | {median(d, c):.3f} | {min(r['seconds'] for r in rs):.3f} "
          f"| {max(r['seconds'] for r in rs):.3f} | {median(d, c, 'cpu_seconds'):.3f} | {len(rs)} "
          f"| {rs[0]['sqlite_version']} | {median(d, 'plinth') / median(d, c):.3f} "
          f"| {median(d, 'plinth', 'cpu_seconds') / median(d, c, 'cpu_seconds'):.3f} |")

print()
print("| rows | unique keys | Java side | median peak heap MiB | max peak heap MiB | GCs during the operation | -Xmx MiB |")
print("|---|---|---|---|---|---|---|")
for (rows, keys, c), rs in sorted(by.items()):
    if "peak_heap_bytes" in rs[0]:
        peaks = [r["peak_heap_bytes"] / 2**20 for r in rs]
        print(f"| {rows:,} | {keys} | {c} | {statistics.median(peaks):.1f} | {max(peaks):.1f} "
              f"| {max(r['gcs'] for r in rs)} | {rs[0]['max_heap_bytes'] / 2**20:.0f} |")

h, a = (median(big, c) for c in ("handwritten", "alembic"))
print()
for c in ("plinth", "plinth-copy"):
    p = median(big, c)
    print(f"{big[0]:,} rows, sequential keys, {c}: Plinth/hand-written {p / h:.3f} "
          f"(target <= 1.0: {'met' if p / h <= 1.0 else 'MISSED'}), "
          f"Plinth/Alembic {p / a:.3f} (target <= 0.85: {'met' if p / a <= 0.85 else 'MISSED'})")
settings = {(r["contender"], r["sqlite_version"], r["journal_mode"], r["synchronous"], r["cache_size"], r["temp_store"]) for r in runs}
for s in sorted(settings):
    print("settings at start: %s sqlite %s journal_mode=%s synchronous=%s cache_size=%s temp_store=%s" % s)
alembic = next(r for r in runs if r["contender"] == "alembic")
print(f"Alembic {alembic['alembic_version']}, SQLAlchemy {alembic['sqlalchemy_version']}")
loads = [r["load"] for r in runs]
print(f"load average (1 min) after each run: min {min(loads):.2f}, median {statistics.median(loads):.2f}, max {max(loads):.2f}")
PY
