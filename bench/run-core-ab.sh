#!/usr/bin/env bash
# Plinth against plain HikariCP + JDBC, paired and interleaved in one JVM (ABBA rounds), so that
# drift between the sides cancels (see docs/BENCHMARKS.md, "Core overhead").
# Run from the repository root: bench/run-core-ab.sh
# Environment: CASES (default "sqlite:select sqlite:insert postgresql:select postgresql:insert
# mysql:select mysql:insert", MySQL meaning the local MariaDB, PLINTH_BENCH_MYSQL_URL;
# a case may also be postgresql:select+max-rows+set-object, the raw select doing some of Plinth's
# steps, against the plain raw select), SESSIONS (fresh pools and connections, default 6), ROUNDS
# (per session, even, default 40), BLOCK (transactions per side and round, default 500), WARMUP
# (warm-up transactions per side and session, default 20000), MVN_ARGS (extra Maven arguments,
# e.g. -Dmaven.repo.local=/tmp/m2), PLINTH_BENCH_POSTGRESQL_ADMIN_URL and
# PLINTH_BENCH_POSTGRESQL_URL as for run-core-overhead.sh, and PLINTH_DATABASE_* options for both
# sides (PLINTH_DATABASE_MYSQL_COMMIT_MARKERS=true measures MariaDB's commit markers).
set -euo pipefail

cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar
results=bench/target/core-ab.txt
cases=${CASES:-sqlite:select sqlite:insert postgresql:select postgresql:insert mysql:select mysql:insert}

echo "== building db-core and the benchmark jar" >&2
# shellcheck disable=SC2086
mvn -q -B ${MVN_ARGS:-} install -DskipTests -pl db-testing -am
# shellcheck disable=SC2086
mvn -q -B ${MVN_ARGS:-} -f bench/pom.xml package -DskipTests

if [[ " $cases" == *" postgresql:"* ]]; then
  if java -cp "$jar" dev.plinth.bench.PostgresBenchDatabase create; then
    trap 'java -cp "$jar" dev.plinth.bench.PostgresBenchDatabase drop' EXIT
  else
    echo "== PostgreSQL does not answer: skipping its cases" >&2
    cases=$(tr ' ' '\n' <<<"$cases" | grep -v '^postgresql:' | tr '\n' ' ')
  fi
fi

: >"$results"
for c in $cases; do
  echo "== ${c%%:*} ${c#*:}, load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$results"
  java -cp "$jar" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn dev.plinth.bench.CoreOverheadAb \
    "${c%%:*}" "${c#*:}" "${SESSIONS:-6}" "${ROUNDS:-40}" "${BLOCK:-500}" "${WARMUP:-20000}" |
    tee -a "$results"
  echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$results"
done
echo "== written to $results" >&2
