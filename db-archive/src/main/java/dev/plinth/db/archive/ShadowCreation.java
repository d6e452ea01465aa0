package dev.plinth.db.archive;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link ShadowTables#create()} did: the shadow tables it created, and the tables it could not
 * give one, each with the reason. One table's refusal never stops the others.
 *
 * @param created the names of the shadow tables created, in the order they were created
 * @param refused main tables left without a shadow table, each with the reason naming it
 */
public record ShadowCreation(List<String> created, Map<String, String> refused) {

  /** Copies the list and the map, keeping their order. */
  public ShadowCreation {
    created = List.copyOf(created);
    refused = Collections.unmodifiableMap(new LinkedHashMap<>(refused));
  }
}
