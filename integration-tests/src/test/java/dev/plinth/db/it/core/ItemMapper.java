package dev.plinth.db.it.core;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** An annotated MyBatis mapper over {@link ItemsTable}. */
public interface ItemMapper {
  @Insert("INSERT INTO items(name, qty) VALUES (#{name}, #{qty})")
  int add(@Param("name") String name, @Param("qty") int qty);

  @Select("SELECT name FROM items ORDER BY id")
  List<String> names();

  @Update("UPDATE items SET qty = qty + #{delta} WHERE name = #{name}")
  int addQty(@Param("name") String name, @Param("delta") int delta);
}
