package dev.plinth.examples.inventory;

import java.util.List;

/**
 * A live item as the service shows it.
 *
 * @param id the item's key
 * @param name the name, unique among live items
 * @param qty the quantity in stock, never negative
 * @param tags the names of its tags, sorted
 */
public record Item(long id, String name, int qty, List<String> tags) {

  /** Copies the tag list. */
  public Item {
    tags = List.copyOf(tags);
  }
}
