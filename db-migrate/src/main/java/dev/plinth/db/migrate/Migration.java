package dev.plinth.db.migrate;

/**
 * A revision written in Java. Annotate the class with {@link Revision} and list it in {@code
 * META-INF/services/dev.plinth.db.migrate.Migration}; it needs a public no-argument constructor.
 *
 * <pre>{@code
 * @Revision(id = "3f2a9c1b7d4e", down = "1a2b3c4d5e6f", message = "add note to items")
 * public final class AddNote implements Migration {
 *   @Override public void upgrade(MigrationContext ctx) {
 *     ctx.execute("ALTER TABLE items ADD COLUMN note VARCHAR(200)");
 *   }
 *   @Override public void downgrade(MigrationContext ctx) {
 *     ctx.execute("ALTER TABLE items DROP COLUMN note");
 *   }
 * }
 * }</pre>
 */
public interface Migration {

  /** Applies the revision. Throwing fails it: it is rolled back where the backend allows. */
  void upgrade(MigrationContext ctx);

  /**
   * Reverts the revision. The default refuses, so a downgrade past this revision fails before
   * anything runs.
   *
   * @throws MigrationException always, unless overridden
   */
  default void downgrade(MigrationContext ctx) {
    throw new MigrationException(getClass().getName() + " does not support downgrade");
  }
}
