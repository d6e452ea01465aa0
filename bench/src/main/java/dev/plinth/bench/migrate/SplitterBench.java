package dev.plinth.bench.migrate;

import dev.plinth.db.migrate.source.SqlStatement;
import dev.plinth.db.migrate.source.StatementSplitter;
import java.util.List;

/**
 * Times the statement splitter on generated dumps of 1, 5 and 20 MB (or the sizes given, in MB):
 * for PostgreSQL a pg_dump-like file (tables, a dollar-quoted function, {@code INSERT}s whose
 * strings hold quotes and semicolons, a {@code COPY} data block), for MySQL a mariadb-dump-like one
 * (extended {@code INSERT}s, a trigger between {@code DELIMITER} lines). Prints one line per
 * backend and size: bytes, statements, the best of five splits in milliseconds.
 */
public final class SplitterBench {
  private static final int RUNS = 5;

  private SplitterBench() {}

  /** Runs the benchmark; arguments are sizes in MB (default 1 5 20). */
  public static void main(String[] args) {
    int[] sizes = args.length == 0 ? new int[] {1, 5, 20} : parse(args);
    System.out.println("backend     MB  statements  best split (ms)");
    for (String backend : List.of("postgresql", "mysql")) {
      StatementSplitter splitter = StatementSplitter.forBackend(backend);
      for (int mb : sizes) {
        String dump = backend.equals("mysql") ? mysqlDump(mb) : postgresDump(mb);
        long best = Long.MAX_VALUE;
        int count = 0;
        for (int run = 0; run < RUNS; run++) {
          long t0 = System.nanoTime();
          List<SqlStatement> statements = splitter.split(dump, "bench.sql", 1);
          best = Math.min(best, System.nanoTime() - t0);
          count = statements.size();
        }
        System.out.printf("%-10s %3d  %10d  %15.0f%n", backend, mb, count, best / 1e6);
      }
    }
  }

  private static int[] parse(String[] args) {
    int[] sizes = new int[args.length];
    for (int i = 0; i < args.length; i++) {
      sizes[i] = Integer.parseInt(args[i]);
    }
    return sizes;
  }

  private static String postgresDump(int mb) {
    StringBuilder s = new StringBuilder();
    s.append(
        "SET statement_timeout = 0;\nSELECT pg_catalog.set_config('search_path', '', false);\n");
    s.append("CREATE TABLE public.items (id integer NOT NULL, name text, note text);\n");
    s.append(
        "CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
            + "  NEW.note := 'touched; again';\n  RETURN NEW;\nEND $$;\n");
    int row = 0;
    while (s.length() < mb * 1_000_000 / 2) {
      s.append("INSERT INTO public.items VALUES (")
          .append(row++)
          .append(", 'it''s row ")
          .append(row)
          .append("; with a semicolon', E'tab\\there -- not a comment');\n");
    }
    s.append("COPY public.items (id, name, note) FROM stdin;\n");
    while (s.length() < mb * 1_000_000) {
      s.append(row++).append("\tname ").append(row).append("\tnote; with \\t tab\n");
    }
    s.append("\\.\n\nALTER TABLE ONLY public.items ADD CONSTRAINT items_pkey PRIMARY KEY (id);\n");
    return s.toString();
  }

  private static String mysqlDump(int mb) {
    StringBuilder s = new StringBuilder();
    s.append("/*!40101 SET NAMES utf8mb4 */;\nCREATE TABLE `items` (`id` int, `name` text);\n");
    s.append(
        "DELIMITER ;;\n/*!50003 CREATE*/ /*!50003 TRIGGER t BEFORE INSERT ON items FOR EACH ROW"
            + " BEGIN SET NEW.name = CONCAT(NEW.name, ';'); END */;;\nDELIMITER ;\n");
    int row = 0;
    while (s.length() < mb * 1_000_000) {
      s.append("INSERT INTO `items` VALUES ");
      for (int i = 0; i < 200; i++) {
        s.append(i == 0 ? "" : ",")
            .append('(')
            .append(row++)
            .append(",'it\\'s row; ")
            .append(row)
            .append("')");
      }
      s.append(";\n");
    }
    return s.toString();
  }
}
