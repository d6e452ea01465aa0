package dev.plinth.db.migrate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code --version} for both command lines: the command's name and the version Maven built, read
 * from a resource it filters ({@code build.properties}). Not a library API.
 */
public final class BuildVersion implements IVersionProvider {
  private static final String RESOURCE = "build.properties";

  @Spec private CommandSpec spec;

  /** Creates the provider; picocli instantiates it. */
  public BuildVersion() {}

  /** {@code <command> <version>}, e.g. {@code plinth-migrate 0.1.0}. */
  @Override
  public String[] getVersion() {
    return new String[] {spec.root().name() + " " + version()};
  }

  /**
   * The version of this build.
   *
   * @throws UncheckedIOException if the resource is missing from the jar (a broken build)
   */
  public static String version() {
    Properties p = new Properties();
    try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is missing next to " + BuildVersion.class.getName());
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the build's version: " + e.getMessage(), e);
    }
    return p.getProperty("version");
  }
}
