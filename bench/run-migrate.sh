#!/usr/bin/env bash
# Migration tools side by side (see docs/BENCHMARKS.md, "Migrations"): Plinth's CLI (the
# distribution's bin/plinth-migrate launcher and the bare jar), Alembic 1.8 and Flyway 13 upgrading
# a chain of SQL migrations on SQLite and PostgreSQL; Plinth's and Alembic's revision graph on a
# generated 10,000-revision DAG; `heads` from the command line.
# Run from the repository root: bench/run-migrate.sh
# Environment: ROUNDS (interleaved upgrade rounds, default 5), HEADS_ROUNDS (default 10),
# REVISIONS (chain length, default 1000), DAG_REVISIONS (default 10000), PGHOST/PGPORT/PGUSER
# (default 127.0.0.1:5432, postgres; the script creates and drops database plinth_migbench),
# JMH_ARGS (extra JMH options for GraphBench), BACKENDS (default sqlite,postgresql), M2_BENCH (the
# throw-away local Maven repository Plinth is installed into, default /tmp/m2-bench; ~/.m2 is
# only copied from, never written).
set -euo pipefail

cd "$(dirname "$0")/.."
out=bench/target/migrate
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
py=/usr/bin/python3
cli=db-migrate/target/plinth-migrate.jar
jar=bench/target/benchmarks.jar
# The launcher of the unpacked dist tarball, as operators run it ("launcher"); "plinth" is the bare
# jar with the JVM's defaults. The launcher's CDS archive goes to a fresh directory, so its first
# run (which writes the archive) is timed on its own and every later run maps it.
launcher=$work/dist/bin/plinth-migrate
export PLINTH_CDS_DIR=$work/cds
revisions=${REVISIONS:-1000}
pg=(--pg-host "${PGHOST:-127.0.0.1}" --pg-port "${PGPORT:-5432}" --pg-user "${PGUSER:-postgres}")

need=()
$py -c 'import alembic' 2>/dev/null || need+=(python3-alembic)
$py -c 'import psycopg2' 2>/dev/null || need+=(python3-psycopg2)
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v psql >/dev/null || need+=(postgresql-client)
if ((${#need[@]})); then
  echo "== installing ${need[*]}" >&2
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "== building Plinth, its CLI jar, the distribution and the benchmark jar" >&2
repo=${M2_BENCH:-/tmp/m2-bench}
if [ ! -d "$repo" ] && [ -d ~/.m2/repository ]; then
  cp -r ~/.m2/repository "$repo" # saves downloading the dependencies again
fi
rm -rf "$repo/dev/plinth"
mvn -q -B -Dmaven.repo.local="$repo" install -DskipTests -pl db-testing,dist -am
mvn -q -B -Dmaven.repo.local="$repo" -f bench/pom.xml package -DskipTests
mkdir -p "$out" "$work/dist"
tar -xzf dist/target/plinth-*.tar.gz -C "$work/dist" --strip-components=1

echo "== generating the $revisions-revision chain and the DAG" >&2
java -cp "$jar" dev.plinth.bench.migrate.ChainGenerator "$work/chain" "$revisions" >/dev/null
$py bench/alembic/make_scripts.py "$work/chain/plinth" "$work/chain/alembic"
java -cp "$jar" dev.plinth.bench.migrate.DagGenerator "$work/dag" "${DAG_REVISIONS:-10000}" >&2

echo "== the launcher's first run (writes its CDS archive), the chain on SQLite" >&2
start=$EPOCHREALTIME
"$launcher" -q --url "jdbc:sqlite:$work/first.db" --locations "filesystem:$work/chain/plinth" \
  upgrade heads
first=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')
ls "$PLINTH_CDS_DIR"/plinth-migrate-*.jsa >/dev/null

echo "== 1. upgrade: ${ROUNDS:-5} interleaved rounds" >&2
contenders=launcher,plinth,alembic,flyway,raw
$py bench/alembic/harness.py upgrade --out "$out" --rounds "${ROUNDS:-5}" --dir "$work/chain" \
  --revisions "$revisions" --contenders "$contenders" --bench-jar "$jar" --plinth-cli "$cli" \
  --launcher "$launcher" --backends "${BACKENDS:-sqlite,postgresql}" "${pg[@]}" >/dev/null

echo "== 2. graph: JMH GraphBench, then Alembic's RevisionMap" >&2
# shellcheck disable=SC2086
java -jar "$jar" 'dev.plinth.bench.GraphBench' -p revisions="${DAG_REVISIONS:-10000}" \
  -f 1 -wi 5 -w 2s -i 5 -r 2s -rf json -rff "$out/graph-jmh.json" ${JMH_ARGS:-} >"$out/graph-jmh.log"
$py bench/alembic/graph_bench.py "$work/dag" 3 1 >"$out/graph-alembic.json"

echo "== 3. heads: ${HEADS_ROUNDS:-10} interleaved rounds" >&2
loc="filesystem:$work/chain/plinth"
$py bench/alembic/harness.py heads --out "$out" --rounds "${HEADS_ROUNDS:-10}" \
  --command "launcher=$launcher --locations $loc heads >/dev/null" \
  --command "plinth jar=java -jar $cli --locations $loc heads >/dev/null" \
  --command "alembic=cd $work/chain/alembic && $py -m alembic -c alembic.ini heads >/dev/null" \
  >/dev/null

echo "== machine" >&2
echo "nproc $(nproc); $(free -h | awk '/Mem:/{print $2 " total, " $7 " available"}');" \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(java -version 2>&1 | head -1);" \
  "load now $(cut -d' ' -f1-3 /proc/loadavg)"
$py bench/alembic/harness.py report --out "$out" --revisions "$revisions" --contenders "$contenders"
printf '\nthe launcher'"'"'s first run (writes the CDS archive), %s-revision chain on SQLite: %.2f s\n' \
  "$revisions" "$first"
