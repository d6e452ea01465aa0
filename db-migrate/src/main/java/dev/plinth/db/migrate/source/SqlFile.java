package dev.plinth.db.migrate.source;

/**
 * A {@code *.sql} file found under a location.
 *
 * @param relativePath its path below the location, {@code /}-separated; the sort key
 * @param origin how messages name it: a file path or {@code classpath:} resource name
 * @param content its text, decoded as UTF-8
 */
record SqlFile(String relativePath, String origin, String content) {}
