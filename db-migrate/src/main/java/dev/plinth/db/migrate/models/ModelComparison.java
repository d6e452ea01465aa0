package dev.plinth.db.migrate.models;

import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.SchemaDiff;

/**
 * The registered models compared with a live schema.
 *
 * @param models the tables the models declare
 * @param database the database tables compared with them: those the models declare and those no
 *     provider excludes, without the migrator's own tables
 * @param diff the differences, models taken as expected and the database as actual
 */
public record ModelComparison(Schema models, Schema database, SchemaDiff diff) {}
