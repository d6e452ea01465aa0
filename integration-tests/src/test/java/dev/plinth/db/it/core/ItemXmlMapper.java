package dev.plinth.db.it.core;

/** A MyBatis mapper whose statement lives in {@code ItemXmlMapper.xml}. */
public interface ItemXmlMapper {
  long totalQty();
}
