package dev.hangar.examples.volume;

import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.volume.VolumeDriver;
import dev.hangar.sdk.PluginServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the volume plugin: {@code java -jar volume-plugin.jar --socket PATH --root DIR}.
 *
 * <p>Exit status: 0 after a clean stop (SIGTERM or SIGINT: the shutdown hook closes the server,
 * which removes the socket and the spec file), 1 when the plugin cannot start, 2 for a usage
 * error. No stack traces: failures are one {@code Error: ...} line on stderr.
 */
public final class VolumePluginMain {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  /** Held so that its level sticks (java.util.logging keeps loggers weakly). */
  private static final Logger JETTY = Logger.getLogger("org.eclipse.jetty");

  private VolumePluginMain() {}

  /** Entry point. */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != OK) {
      System.exit(status);
    }
  }

  /**
   * Parses the arguments, starts serving and blocks until the JVM shuts down.
   *
   * @return the exit status (only returns early on failure or {@code --help})
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (Options.UsageException e) {
      err.println("Error: " + e.getMessage());
      err.print(Options.USAGE);
      return USAGE;
    }
    if (options.help()) {
      out.print(Options.USAGE);
      return OK;
    }
    PluginServer server;
    try {
      server = start(options, out);
    } catch (IllegalArgumentException e) {
      err.println("Error: " + e.getMessage());
      return USAGE;
    } catch (HangarException e) {
      err.println("Error: " + e.getMessage());
      return FAILED;
    } catch (IOException e) {
      err.println("Error: cannot open volume root " + options.root() + ": " + e.getMessage());
      return FAILED;
    } catch (RuntimeException e) {
      err.println("Error: " + e);
      return FAILED;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "volume-plugin-shutdown"));
    out.println("volume plugin serving " + server.address().url() + " (volumes in "
        + options.root() + ")");
    out.flush();
    try {
      server.awaitClose();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.close();
    }
    return OK;
  }

  /** Opens the volumes, starts the server and writes the spec file; the caller closes. */
  static PluginServer start(Options options, PrintStream out) throws IOException {
    quietJetty();
    DirectoryVolumeDriver driver = new DirectoryVolumeDriver(options.root(), Clock.systemUTC());
    PluginServer server = PluginServer.builder()
        .serve(VolumeDriver.class, driver)
        .unixSocket(options.socket())
        .start();
    try {
      if (options.spec().isPresent()) {
        Path spec = server.writeSpec(options.spec().get(), options.name());
        out.println("spec file " + spec);
      }
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** Jetty's informational lines are noise for a plugin; warnings still show. */
  private static void quietJetty() {
    JETTY.setLevel(Level.WARNING);
  }
}
