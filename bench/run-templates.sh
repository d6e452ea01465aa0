#!/usr/bin/env bash
# Migrated test databases (see docs/BENCHMARKS.md, "Migrated test databases"): time per test of a
# copy of a migrated template (db-testing's MigratedDatabases) against replaying the migrations on
# an empty database, at 20, 200 and 1,000 generated revisions, on SQLite, PostgreSQL and MariaDB,
# with the floor of the raw copy statements on the servers.
# Run from the repository root: bench/run-templates.sh
# Environment: TESTS (tests per point, default 20), REPLAYS (replayed tests per point, default 3),
# BACKENDS (default sqlite,postgresql,mysql), REVISIONS (default "20 200 1000"); the servers are
# found as db-testing finds them (PLINTH_TEST_POSTGRESQL_URL / PLINTH_TEST_MYSQL_URL, else the
# local ones), MVN_ARGS (extra Maven arguments, e.g. -Dmaven.repo.local=/tmp/m2).
set -euo pipefail

cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar
results=bench/target/templates-results.txt

echo "== building db-testing and the benchmark jar" >&2
# shellcheck disable=SC2086
mvn -q -B ${MVN_ARGS:-} install -DskipTests -pl db-testing -am
# shellcheck disable=SC2086
mvn -q -B ${MVN_ARGS:-} -f bench/pom.xml package -DskipTests

echo "== running (a few minutes; replaying 1,000 revisions is the slow part)" >&2
# shellcheck disable=SC2086
java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$jar" \
  dev.plinth.bench.templates.TemplateBench "${TESTS:-20}" "${REPLAYS:-3}" \
  "${BACKENDS:-sqlite,postgresql,mysql}" ${REVISIONS:-20 200 1000} | tee "$results"
echo "== results in $results" >&2
