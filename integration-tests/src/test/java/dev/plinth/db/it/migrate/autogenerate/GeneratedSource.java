package dev.plinth.db.it.migrate.autogenerate;

import dev.plinth.db.migrate.Migration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A generated migration class compiled in this JVM, as a service's build would compile it, with
 * every lint warning on: a warning fails the compilation as an error does.
 */
public final class GeneratedSource {
  private GeneratedSource() {}

  /**
   * Compiles {@code source}, the file {@code file}, into {@code classes} and creates the migration.
   *
   * @throws AssertionError naming every diagnostic if javac reports any
   */
  public static Migration compile(Path file, Path classes) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      List<String> options =
          List.of(
              "-Xlint:all,-path,-processing",
              "-proc:none",
              "-classpath",
              System.getProperty("java.class.path"),
              "-d",
              classes.toString());
      boolean ok =
          javac
              .getTask(
                  null, files, diagnostics, options, null, files.getJavaFileObjects(file.toFile()))
              .call();
      String reported =
          diagnostics.getDiagnostics().stream()
              .map(
                  d ->
                      d.getKind() + " line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
              .collect(Collectors.joining("\n"));
      if (!ok || !diagnostics.getDiagnostics().isEmpty()) {
        throw new AssertionError("javac on " + file + ":\n" + reported + "\n" + read(file));
      }
      String className = file.getFileName().toString().replace(".java", "");
      URLClassLoader loader =
          new URLClassLoader(
              new URL[] {classes.toUri().toURL()}, GeneratedSource.class.getClassLoader());
      return (Migration) loader.loadClass(className).getDeclaredConstructor().newInstance();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot instantiate the class compiled from " + file, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(" + file + " unreadable: " + e.getMessage() + ")";
    }
  }
}
