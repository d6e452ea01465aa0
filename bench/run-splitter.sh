#!/usr/bin/env bash
# The SQL statement splitter on generated dumps (see docs/BENCHMARKS.md, "Statement splitter"):
# a pg_dump-like file (INSERTs, a dollar-quoted function, a COPY data block) and a
# mariadb-dump-like one (extended INSERTs, a trigger between DELIMITER lines) of 1, 5 and 20 MB;
# prints the best of five splits per size. No database needed.
# Run from the repository root: bench/run-splitter.sh
# Environment: SIZES (MB, default "1 5 20"), MVN_ARGS (extra Maven arguments, e.g.
# -Dmaven.repo.local=/tmp/m2).
set -euo pipefail

cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar

echo "== building db-migrate and the benchmark jar" >&2
# shellcheck disable=SC2086
mvn -q -B ${MVN_ARGS:-} install -DskipTests -pl db-testing -am
# shellcheck disable=SC2086
mvn -q -B ${MVN_ARGS:-} -f bench/pom.xml package -DskipTests

# shellcheck disable=SC2086
java -Xmx512m -cp "$jar" dev.plinth.bench.migrate.SplitterBench ${SIZES:-1 5 20}
