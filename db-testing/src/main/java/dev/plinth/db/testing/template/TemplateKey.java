package dev.plinth.db.testing.template;

import dev.plinth.db.testing.Backend;

/**
 * Identifies a template: the backend and the {@link dev.plinth.db.testing.MigrationSet#checksum()
 * checksum} of the migrations it was migrated with, so that an edited, added or removed migration
 * gives another key.
 *
 * @param backend where the template lives
 * @param checksum the migration set's checksum
 */
public record TemplateKey(Backend backend, String checksum) {}
