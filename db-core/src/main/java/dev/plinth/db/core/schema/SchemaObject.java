package dev.plinth.db.core.schema;

/**
 * A view or trigger as the database keeps it: kind, name and the SQL that creates it.
 *
 * @param kind {@code view} or {@code trigger}
 * @param name the object's name
 * @param sql the CREATE statement, as stored by the database
 */
public record SchemaObject(String kind, String name, String sql) {}
