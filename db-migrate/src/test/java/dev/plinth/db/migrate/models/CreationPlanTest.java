package dev.plinth.db.migrate.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Dialects;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order and shape of the DDL that builds models, as each dialect renders it. */
class CreationPlanTest {
  private static final Schema MODELS =
      Schema.of(
          List.of(
              table("a_visits", ForeignKey.of("fk_visits_pet", "ref_id", "pets", "id")),
              table("owners", ForeignKey.of("fk_owners_pet", "ref_id", "pets", "id")),
              table("pets", ForeignKey.of("fk_pets_owner", "ref_id", "owners", "id")),
              table("self", ForeignKey.of("fk_self", "ref_id", "self", "id"))));

  @Test
  void tablesFollowWhatTheyReferenceAndTheCycleIsClosedByAlterOnPostgresql() {
    List<DdlStep> steps = CreationPlan.of(MODELS, Dialects.forName("postgresql").ddl());
    assertThat(steps)
        .extracting(DdlStep::object)
        .containsExactly(
            "table self",
            "index ix_self of table self",
            "table owners",
            "index ix_owners of table owners",
            "table pets",
            "index ix_pets of table pets",
            "table a_visits",
            "index ix_a_visits of table a_visits",
            "foreign key fk_owners_pet of table owners");
    assertThat(steps.get(2).statements().get(0)).doesNotContain("fk_owners_pet");
    assertThat(steps.get(8).statements())
        .containsExactly(
            "ALTER TABLE \"owners\" ADD CONSTRAINT \"fk_owners_pet\" FOREIGN KEY (\"ref_id\")"
                + " REFERENCES \"pets\" (\"id\")");
    assertThat(steps.get(8).undo())
        .contains("ALTER TABLE \"owners\" DROP CONSTRAINT \"fk_owners_pet\"");
    assertThat(steps.get(0).statements().get(0))
        .as("a self-reference stays inline")
        .contains("fk_self");
  }

  @Test
  void sqliteDeclaresTheKeyThatClosesTheCycleInline() {
    List<DdlStep> steps = CreationPlan.of(MODELS, Dialects.forName("sqlite").ddl());
    assertThat(steps)
        .extracting(DdlStep::object)
        .doesNotContain("foreign key fk_owners_pet of table owners");
    assertThat(steps.get(2).object()).isEqualTo("table owners");
    assertThat(steps.get(2).statements().get(0))
        .contains("fk_owners_pet")
        .contains("REFERENCES \"pets\"");
  }

  private static Table table(String name, ForeignKey key) {
    return Table.builder(name)
        .column(Column.of("id", SqlType.integer()).notNull())
        .column(Column.of("ref_id", SqlType.integer()))
        .primaryKey("id")
        .index(Index.of("ix_" + name, "ref_id"))
        .foreignKey(key)
        .build();
  }
}
