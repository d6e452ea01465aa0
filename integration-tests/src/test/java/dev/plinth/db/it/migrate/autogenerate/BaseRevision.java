package dev.plinth.db.it.migrate.autogenerate;

import dev.plinth.db.migrate.Migration;
import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.Revision;

/** Creates {@link ShopSchema#BASE}: the revision the generated ones follow. */
@Revision(id = BaseRevision.ID, message = "shop tables")
public final class BaseRevision implements Migration {
  /** The revision id. */
  public static final String ID = "shop0001";

  @Override
  public void upgrade(MigrationContext ctx) {
    ctx.op().createTable(ShopSchema.BASE.tables().get("owners"));
    ctx.op().createTable(ShopSchema.BASE.tables().get("items"));
    ctx.op().createTable(ShopSchema.BASE.tables().get("legacy"));
    ctx.op().createTable(ShopSchema.BASE.tables().get("tickets"));
  }

  @Override
  public void downgrade(MigrationContext ctx) {
    ctx.op().dropTable("tickets");
    ctx.op().dropTable("legacy");
    ctx.op().dropTable("items");
    ctx.op().dropTable("owners");
  }
}
