#!/usr/bin/env bash
# Archive benchmark: Plinth's Archiver against a Java port of Nova's algorithm, pt-archiver (MariaDB
# only) and the single-statement limit, on PostgreSQL and MariaDB (see docs/BENCHMARKS.md).
# Run from the repository root: bench/run-archive.sh
# Environment: ARCHIVE_BENCH_SIZES (soft-deleted rows per dataset, multiples of 5; the dataset holds
# twice as many rows; default "200000 1000000"), ARCHIVE_BENCH_RUNS (runs per size, default 2),
# PLINTH_BENCH_POSTGRESQL_ADMIN_URL, PLINTH_BENCH_MARIADB_ADMIN_URL (JDBC admin URLs),
# MARIADB_HOST / MARIADB_PORT / MARIADB_USER (for the mysql client and pt-archiver; no password),
# M2_BENCH (the throw-away local Maven repository Plinth is installed into, default /tmp/m2-bench;
# ~/.m2 is only copied from, never written).
set -euo pipefail

cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar
results=bench/target/archive-results.jsonl
sizes=${ARCHIVE_BENCH_SIZES:-200000 1000000}
runs=${ARCHIVE_BENCH_RUNS:-2}
my_host=${MARIADB_HOST:-127.0.0.1}
my_port=${MARIADB_PORT:-3306}
my_user=${MARIADB_USER:-root}
one_gib=1073741824

bench() { java -Xmx256m -cp "$jar" dev.plinth.bench.archive.ArchiveBench "$@"; }
my() { mysql -h "$my_host" -P "$my_port" -u "$my_user" -N -B -e "$1"; }

echo "== building db-archive and the benchmark jar" >&2
repo=${M2_BENCH:-/tmp/m2-bench}
if [[ ! -d $repo && -d ~/.m2/repository ]]; then
  cp -r ~/.m2/repository "$repo" # saves downloading the dependencies again
fi
rm -rf "$repo/dev/plinth"
mvn -q -B -Dmaven.repo.local="$repo" install -DskipTests -pl db-testing -am
mvn -q -B -Dmaven.repo.local="$repo" -f bench/pom.xml package -DskipTests

if ! command -v pt-archiver > /dev/null; then
  echo "== installing percona-toolkit (pt-archiver)" >&2
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get install -y -q percona-toolkit > /dev/null
fi

# The limit runs on MariaDB with a 1 GiB buffer pool (one huge transaction thrashes the default
# 128 MiB); the server's own value is put back after that run and, whatever happens, at exit.
saved_pool=""
wait_for_resize() {
  for _ in $(seq 120); do
    status=$(my "SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_resize_status'" | cut -f2)
    [[ -z $status || $status == *[Cc]omplete* ]] && return 0
    sleep 0.5
  done
  echo "== buffer pool resize still running: $status" >&2
}
grow_pool() {
  saved_pool=$(my 'SELECT @@innodb_buffer_pool_size')
  my "SET GLOBAL innodb_buffer_pool_size = $one_gib"
  wait_for_resize
}
restore_pool() {
  if [[ -n $saved_pool ]]; then
    # InnoDB aborts a shrink while the pages of a just-finished big transaction are still busy
    # (ERROR 1221): try again for up to a minute.
    for _ in $(seq 30); do
      my "SET GLOBAL innodb_buffer_pool_size = $saved_pool" 2> /dev/null && break
      sleep 2
    done
    wait_for_resize
    [[ $(my 'SELECT @@innodb_buffer_pool_size') == "$saved_pool" ]] || return 1
    echo "== innodb_buffer_pool_size back to $(my 'SELECT @@innodb_buffer_pool_size')" >&2
    saved_pool=""
  fi
}
cleanup() {
  restore_pool || echo "!! could not restore innodb_buffer_pool_size to $saved_pool" >&2
  bench drop postgresql || true
  bench drop mariadb || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# One contender on one backend, on a fresh copy of the dataset; appends a JSON line to $results.
measure() {
  local backend=$1 contender=$2 size=$3 run=$4 line
  bench reset "$backend"
  if [[ $contender == pt-archiver ]]; then
    local start end
    start=$(date +%s.%N)
    for table in instance_faults block_device_mapping instances; do
      pt-archiver --source "h=$my_host,P=$my_port,u=$my_user,D=plinth_archbench,t=$table,A=utf8mb4" \
        --dest "t=shadow_$table" --where 'deleted <> 0' --limit 1000 --txn-size 1000 \
        --bulk-insert --bulk-delete --no-safe-auto-increment
    done
    end=$(date +%s.%N)
    bench verify "$backend" "$size"
    line=$(awk -v s="$start" -v e="$end" -v n="$size" 'BEGIN {
      printf "{\"backend\": \"mariadb\", \"contender\": \"pt-archiver\", \"deleted\": %d, ", n
      printf "\"seconds\": %.3f, \"rows_per_s\": %.0f}", e - s, n / (e - s) }')
  else
    local big_pool=false
    [[ ($contender == limit || $contender == plinth-cli || $contender == *-1g) && $backend == mariadb ]] &&
      big_pool=true
    if $big_pool; then grow_pool; fi
    line=$(bench run "$backend" "${contender%-1g}" "$size" | sed -n 's/^RESULT //p')
    [[ $contender == *-1g ]] && line=${line/\"contender\": \"${contender%-1g}\"/\"contender\": \"$contender\"}
    if $big_pool; then restore_pool; fi
  fi
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  echo "{\"run\": $run, \"load\": $load, ${line#\{}" | tee -a "$results" >&2
}

rm -f "$results"
contenders=(limit nova pt-archiver plinth plinth-parallel plinth-parallel-1g plinth-cli)
for size in $sizes; do
  echo "== generating $size soft-deleted rows of $((2 * size)) on both backends" >&2
  bench prepare postgresql "$size"
  bench prepare mariadb "$size"
  for run in $(seq "$runs"); do
    # Interleaved: each run starts with a different contender.
    for i in "${!contenders[@]}"; do
      contender=${contenders[$(((i + run - 1) % ${#contenders[@]}))]}
      for backend in postgresql mariadb; do
        if [[ ($contender == pt-archiver || $contender == *-1g) && $backend == postgresql ]]; then
          continue
        fi
        measure "$backend" "$contender" "$size" "$run"
      done
    done
  done
done

python3 - "$results" <<'PY'
import json, statistics, sys

rows = [json.loads(line) for line in open(sys.argv[1])]
med = {}
for r in rows:
    med.setdefault((r["deleted"], r["backend"], r["contender"]), []).append(r)
def rate(size, backend, contender):
    rs = med.get((size, backend, contender))
    return statistics.median(r["rows_per_s"] for r in rs) if rs else None

print()
print("| deleted rows | backend | contender | runs | rows/s (median) | Plinth/contender "
      "| Plinth 2 threads/contender | CLI defaults/contender | peak heap MB | max heap after GC MB "
      "| load |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for (size, backend, contender), rs in sorted(med.items()):
    r = rate(size, backend, contender)
    p = rate(size, backend, "plinth")
    ratio = f"{p / r:.2f}" if p and contender != "plinth" else ""
    p2 = rate(size, backend, "plinth-parallel")
    ratio2 = f"{p2 / r:.2f}" if p2 and not contender.startswith("plinth-parallel") else ""
    pc = rate(size, backend, "plinth-cli")
    ratio3 = f"{pc / r:.2f}" if pc and contender != "plinth-cli" else ""
    heap = max((x.get("heap_peak_mb", 0) for x in rs), default=0)
    live = max((x.get("heap_after_gc_mb", 0) for x in rs), default=0)
    heaps = (f"{heap:.0f}", f"{live:.0f}") if "heap_peak_mb" in rs[0] else ("", "")
    loads = ", ".join(f"{x['load']:.1f}" for x in rs)
    print(f"| {size} | {backend} | {contender} | {len(rs)} | {r:.0f} | {ratio} | {ratio2} | {ratio3} "
          f"| {heaps[0]} | {heaps[1]} | {loads} |")
PY
