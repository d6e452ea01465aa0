#!/bin/sh
# Unpacks the distribution ($1) into $2 and runs its launchers as an operator would: --version,
# a JSON heads, an upgrade and current against SQLite (the second run maps the CDS archive the
# first one wrote), a database that does not answer failing fast in one line, and the man pages,
# rendered by man (or groff where man is missing) without a troff warning.
set -u
tarball=$1
work=$2
version=$3
rm -rf "$work"
mkdir -p "$work/cds"
tar -xzf "$tarball" -C "$work" || exit 1
home="$work/plinth-$version"
export PLINTH_CDS_DIR="$work/cds"
unset PLINTH_URL PLINTH_CONFIG PLINTH_FORMAT PLINTH_LOCATIONS PLINTH_DATABASE_CONNECTION
failures=0

check() { # description, then a command that must succeed
  what=$1
  shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what" >&2; failures=$((failures + 1)); fi
}

migrate() { "$home/bin/plinth-migrate" --locations "filesystem:$work/migrations" "$@"; }

check "plinth-migrate --version" [ "$("$home/bin/plinth-migrate" --version)" = "plinth-migrate $version" ]
check "plinth-archive --version" [ "$("$home/bin/plinth-archive" --version)" = "plinth-archive $version" ]
check "init" migrate -q init
check "revision" migrate -q revision -m first
id=$(migrate heads --format json | sed -n 's/^\["\([0-9a-f]\{12\}\)"\]$/\1/p')
check "heads --format json is [id]" [ -n "$id" ]
check "upgrade against SQLite" migrate -q --url "jdbc:sqlite:$work/app.db" upgrade heads
check "the first run wrote a CDS archive" [ -n "$(ls "$work/cds"/plinth-migrate-*.jsa 2>/dev/null)" ]
check "current (CDS archive mapped)" [ "$(migrate --url "jdbc:sqlite:$work/app.db" current --format json)" = "[\"$id\"]" ]
check "JAVA_OPTS reach the JVM" [ "$(JAVA_OPTS=-Dorg.slf4j.simpleLogger.log.dev.plinth=info migrate --url "jdbc:sqlite:$work/app.db" current 2>&1 >/dev/null | grep -c ready)" = 1 ]
check "completion scripts" grep -q "complete -F _complete_plinth-archive" "$home/completion/plinth-archive"

man1="$home/share/man/man1"
render() { # a page, as a reader sees it
  if command -v man >/dev/null; then
    LC_ALL=C MANWIDTH=100 man -l -P cat "$1"
  else
    groff -man -Tascii -rLL=100n -P-cbou "$1"
  fi
}
if command -v groff >/dev/null; then
  for page in plinth-migrate plinth-migrate-upgrade plinth-archive plinth-archive-shadow-check; do
    check "man page $page.1 in the tarball" [ -f "$man1/$page.1" ]
    check "$page.1 without a troff warning" [ -z "$(groff -man -Tutf8 -ww -z "$man1/$page.1" 2>&1)" ]
  done
  render "$man1/plinth-migrate-upgrade.1" > "$work/upgrade.man"
  check "upgrade's page: the environment" grep -q "Environment: PLINTH_LOCK_TIMEOUT; in the --config file: plinth.lock_timeout" "$work/upgrade.man"
  check "upgrade's page: exit status 3" grep -q "the migration lock was not acquired in time" "$work/upgrade.man"
  render "$man1/plinth-archive-shadow-check.1" > "$work/check.man"
  check "shadow check's page: its own exit codes" grep -q "a shadow table is missing or has drifted" "$work/check.man"
  check "a page per command" [ "$(ls "$man1" | wc -l)" -ge 24 ]
else
  echo "FAILED: no groff to check and render the man pages with; install groff-base" >&2
  failures=$((failures + 1))
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 1)
"$home/bin/plinth-archive" --url "jdbc:postgresql://127.0.0.1:$port/app?user=svc" shadow check > "$work/down.out" 2> "$work/down.err"
code=$?
check "a down database exits 1" [ "$code" = 1 ]
check "in one line" [ "$(wc -l < "$work/down.err")" = 1 ]
check "naming the URL and the cause" grep -q "127.0.0.1:$port.*refused" "$work/down.err"
check "after one attempt" grep -q "after 1 attempt(s)" "$work/down.err"

if [ "$failures" -ne 0 ]; then
  echo "$failures launcher check(s) failed; output in $work" >&2
  exit 1
fi
