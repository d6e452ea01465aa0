#!/bin/sh
# Writes completion/plinth-migrate and completion/plinth-archive (bash and zsh, picocli's
# AutoComplete) into the build directory $1, from the commands on the copied class path.
set -e
target=$1
cp=
for jar in "$target"/lib/*.jar; do cp="${cp:+$cp:}$jar"; done
mkdir -p "$target/completion"
java -cp "$cp" dev.plinth.db.migrate.cli.Main generate-completion > "$target/completion/plinth-migrate"
java -cp "$cp" dev.plinth.db.archive.cli.Main generate-completion > "$target/completion/plinth-archive"
