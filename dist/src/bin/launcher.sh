# Sourced by bin/plinth-migrate and bin/plinth-archive with MAIN set; POSIX sh.
#
# A command runs for a second or less, so the JVM starts with the C1 compiler only
# (-XX:TieredStopAtLevel=1) and a class-data-sharing archive of the classes the command loads
# (dynamic CDS, JDK 13+): the first run writes it at exit (-XX:ArchiveClassesAtExit), later runs
# map it (-XX:SharedArchiveFile). The archive lives in $PLINTH_CDS_DIR, default
# ${XDG_CACHE_HOME:-$HOME/.cache}/plinth, one per command, java and class path; PLINTH_CDS=off
# disables it. JAVA_OPTS come after these flags, so they can override any of them.

home=$(cd "$(dirname "$0")/.." && pwd -P) || exit 1
if [ -n "$JAVA_HOME" ]; then
  java="$JAVA_HOME/bin/java"
else
  java=$(command -v java) || {
    echo "error: no java on PATH and JAVA_HOME is not set: install Java 17 or later" >&2
    exit 1
  }
fi

cp=
for jar in "$home"/lib/*.jar; do
  cp="${cp:+$cp:}$jar"
done
set -- -cp "$cp" "$MAIN" "$@"
fast="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"

if [ "${PLINTH_CDS:-on}" = off ]; then
  # shellcheck disable=SC2086 # $fast and $JAVA_OPTS are lists of words
  exec "$java" $fast $JAVA_OPTS "$@"
fi

cds_dir=${PLINTH_CDS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/plinth}
key=$(printf '%s %s' "$java" "$cp" | cksum | cut -d ' ' -f 1)
archive="$cds_dir/$(basename "$0")-$key.jsa"
if [ -f "$archive" ]; then
  # shellcheck disable=SC2086
  exec "$java" $fast -XX:SharedArchiveFile="$archive" $JAVA_OPTS "$@"
fi

# First run: write the archive under a temporary name, then move it into place whole, so that a
# concurrent run never maps a half-written file. Without a writable cache, run without one.
if mkdir -p "$cds_dir" 2>/dev/null && [ -w "$cds_dir" ]; then
  partial="$archive.$$"
  # shellcheck disable=SC2086
  "$java" $fast -XX:ArchiveClassesAtExit="$partial" $JAVA_OPTS "$@"
  code=$?
  if [ -s "$partial" ]; then mv -f "$partial" "$archive"; else rm -f "$partial"; fi
  exit $code
fi
# shellcheck disable=SC2086
exec "$java" $fast $JAVA_OPTS "$@"
