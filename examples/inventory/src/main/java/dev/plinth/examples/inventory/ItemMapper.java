package dev.plinth.examples.inventory;

import java.sql.Timestamp;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * The inventory's MyBatis mapper. Plinth binds it to the running transaction ({@code
 * tx.mapper(ItemMapper.class)}), so its statements commit, roll back and retry with the plain SQL
 * around them, and its failures arrive as db-core exceptions.
 */
public interface ItemMapper {

  /** The id of the tag called {@code name}, or null when there is none. */
  @Select("SELECT id FROM tags WHERE name = #{name}")
  Long tagId(@Param("name") String name);

  /** Adds a tag; fails with a duplicate entry on {@code uniq_tags0name} if it exists. */
  @Insert("INSERT INTO tags (created_at, name) VALUES (#{now}, #{name})")
  int addTag(@Param("name") String name, @Param("now") Timestamp now);

  /** Links an item to a tag. */
  @Insert(
      "INSERT INTO item_tags (created_at, item_id, tag_id) VALUES (#{now}, #{itemId}, #{tagId})")
  int link(@Param("itemId") long itemId, @Param("tagId") long tagId, @Param("now") Timestamp now);

  /** Adds {@code delta} to the quantity of the live item called {@code name}; 0 if none. */
  @Update(
      "UPDATE items SET qty = qty + #{delta}, updated_at = #{now}"
          + " WHERE name = #{name} AND deleted = 0")
  int adjustQty(@Param("name") String name, @Param("delta") int delta, @Param("now") Timestamp now);

  /** The names of the live items carrying the tag {@code tag}, sorted. */
  @Select(
      "SELECT i.name FROM items i JOIN item_tags it ON it.item_id = i.id"
          + " JOIN tags t ON t.id = it.tag_id WHERE t.name = #{tag} AND i.deleted = 0"
          + " ORDER BY i.name")
  List<String> namesTagged(@Param("tag") String tag);
}
