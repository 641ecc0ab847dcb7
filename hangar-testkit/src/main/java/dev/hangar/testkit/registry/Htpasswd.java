package dev.hangar.testkit.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * htpasswd files for {@link RegistryServer.Builder#htpasswd}, with the bcrypt entries the
 * registry accepts, made by Apache's {@code htpasswd -nbB} (Debian's {@code apache2-utils}).
 *
 * @since 0.1
 */
public final class Htpasswd {
  private Htpasswd() {}

  /**
   * Writes a file with one user.
   *
   * @param file the file to write
   * @param user the user
   * @param password the password
   * @return {@code file}
   * @throws IOException when it cannot be written or {@code htpasswd} fails
   */
  public static Path write(Path file, String user, String password) throws IOException {
    Process p = new ProcessBuilder("htpasswd", "-nbB", user, password).start();
    try (InputStream out = p.getInputStream(); InputStream err = p.getErrorStream()) {
      String line = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
      String error = new String(err.readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("htpasswd failed: " + error);
      }
      Files.writeString(file, line + "\n");
      return file;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      p.destroyForcibly();
    }
  }
}
