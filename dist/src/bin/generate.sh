#!/bin/sh
# Writes what the distribution ships besides the jars, from the commands on the copied class path
# of the build directory $1, so that it matches their --help: completion/plinth-migrate and
# completion/plinth-archive (bash and zsh, picocli's AutoComplete) and man/ (a page per command).
set -e
target=$1
cp=
for jar in "$target"/lib/*.jar; do cp="${cp:+$cp:}$jar"; done
mkdir -p "$target/completion"
rm -rf "$target/man"
for cli in migrate archive; do
  main=dev.plinth.db.$cli.cli.Main
  java -cp "$cp" "$main" generate-completion > "$target/completion/plinth-$cli"
  java -cp "$cp" "$main" generate-man-pages "$target/man" > /dev/null
done
