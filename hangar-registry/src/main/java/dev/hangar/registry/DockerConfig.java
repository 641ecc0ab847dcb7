package dev.hangar.registry;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.registry.internal.Json;
import dev.hangar.registry.internal.creds.ConfigFile;
import dev.hangar.registry.internal.creds.HelperProcess;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Docker's client config file, {@code config.json}, as a source of registry credentials and as
 * {@code docker login}/{@code logout} write it.
 *
 * <p>Lookup follows Docker: a {@code credHelpers} entry for the registry names a helper
 * ({@code docker-credential-<name> get}); else {@code credsStore} names one for every registry;
 * else {@code auths} holds {@code auth} (base64 of {@code user:password}) or
 * {@code identitytoken}. Unlike Docker, a helper that is not on the path is skipped (the file's
 * own entry, or anonymous access, is used) rather than failing the pull. Docker Hub
 * ({@code docker.io}) is keyed {@code https://index.docker.io/v1/}, as Docker keys it.
 *
 * <p>The file is read at every lookup, so a {@code login} by another process is seen at once.
 *
 * @since 0.1
 */
public final class DockerConfig implements CredentialSource {
  /** Docker's key for Docker Hub in {@code auths} and for its credential helpers. */
  public static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";
  /** How long a credential helper may run. */
  public static final Duration HELPER_TIMEOUT = Duration.ofSeconds(30);
  private static final String TOKEN_USER = "<token>";

  private final Path file;
  private final HelperProcess helpers;

  private DockerConfig(Path file, List<Path> helperPath) {
    this.file = file;
    this.helpers = new HelperProcess(helperPath, HELPER_TIMEOUT);
  }

  /**
   * The config Docker's CLI uses: {@code $DOCKER_CONFIG/config.json}, else
   * {@code ~/.docker/config.json}, with helpers looked up on {@code $PATH}.
   *
   * @return the config
   */
  public static DockerConfig fromEnvironment() {
    String dir = System.getenv("DOCKER_CONFIG");
    Path d = dir != null && !dir.isEmpty() ? Path.of(dir)
        : Path.of(System.getProperty("user.home"), ".docker");
    return of(d, pathFromEnvironment());
  }

  /**
   * The config in {@code configDir}, with helpers looked up in {@code helperPath}.
   *
   * @param configDir the directory holding {@code config.json}
   * @param helperPath the directories searched for {@code docker-credential-*}, in order
   * @return the config
   */
  public static DockerConfig of(Path configDir, List<Path> helperPath) {
    Objects.requireNonNull(configDir, "configDir");
    return new DockerConfig(configDir.resolve("config.json"), helperPath);
  }

  /** The directories of {@code $PATH}. */
  public static List<Path> pathFromEnvironment() {
    String path = System.getenv("PATH");
    List<Path> out = new ArrayList<>();
    if (path != null) {
      for (String p : path.split(File.pathSeparator)) {
        if (!p.isEmpty()) {
          out.add(Path.of(p));
        }
      }
    }
    return out;
  }

  /** The file, {@code <dir>/config.json}. */
  public Path file() {
    return file;
  }

  /**
   * The key Docker uses for a registry in {@code auths} and with helpers.
   *
   * @param registry the registry host as in references
   * @return {@link #DOCKER_HUB_KEY} for Docker Hub, else the host
   */
  public static String keyOf(String registry) {
    return registry.equals(Reference.DOCKER_HUB) || registry.equals("index.docker.io")
        || registry.equals("registry-1.docker.io") ? DOCKER_HUB_KEY : registry;
  }

  @Override
  public Optional<Credentials> lookup(String registry) {
    String key = keyOf(registry);
    ConfigFile config = ConfigFile.read(file);
    Optional<Path> helper = helperFor(config, key);
    if (helper.isPresent()) {
      Optional<Credentials> c = fromHelper(helper.get(), key);
      if (c.isPresent()) {
        return c;
      }
    }
    return config.auth(key).flatMap(entry -> fromEntry(entry, key));
  }

  /**
   * Saves credentials as {@code docker login} does: into the registry's helper (or
   * {@code credsStore}) when one is configured and present, leaving an empty {@code auths} entry
   * in the file; else as {@code auth} in the file. Every other key of the file is kept.
   *
   * @param registry the registry host
   * @param credentials a user and password, or an identity token (user {@code <token>})
   * @throws HangarException (CREDENTIALS_INVALID) when the helper fails; IO_ERROR when the file
   *     cannot be written
   */
  public void store(String registry, Credentials credentials) {
    String key = keyOf(registry);
    ConfigFile config = ConfigFile.read(file);
    String user;
    String secret;
    switch (credentials) {
      case Credentials.Basic b -> {
        user = b.username();
        secret = b.password();
      }
      case Credentials.IdentityToken t -> {
        user = TOKEN_USER;
        secret = t.token();
      }
      case Credentials.RegistryToken t -> throw new IllegalArgumentException(
          "a registry token is not stored in Docker's config file");
    }
    Optional<Path> helper = helperFor(config, key);
    ObjectNode entry = JsonNodeFactory.instance.objectNode();
    if (helper.isPresent()) {
      ObjectNode in = JsonNodeFactory.instance.objectNode();
      in.put("ServerURL", key).put("Username", user).put("Secret", secret);
      helpers.run(helper.get(), "store", in.toString());
    } else if (credentials instanceof Credentials.IdentityToken t) {
      entry.put("identitytoken", t.token());
    } else {
      entry.put("auth", Base64.getEncoder().encodeToString(
          (user + ":" + secret).getBytes(StandardCharsets.UTF_8)));
    }
    config.putAuth(key, entry);
    config.write();
  }

  /**
   * Removes a registry's credentials as {@code docker logout} does: from its helper when one is
   * configured and present, and from the file's {@code auths}.
   *
   * @param registry the registry host
   * @return whether the file had an entry for it
   * @throws HangarException (CREDENTIALS_INVALID) when the helper fails; IO_ERROR when the file
   *     cannot be written
   */
  public boolean erase(String registry) {
    String key = keyOf(registry);
    ConfigFile config = ConfigFile.read(file);
    helperFor(config, key).ifPresent(h -> helpers.run(h, "erase", key));
    boolean removed = config.removeAuth(key);
    if (removed) {
      config.write();
    }
    return removed;
  }

  private Optional<Path> helperFor(ConfigFile config, String key) {
    Optional<String> name = config.credHelper(key).or(config::credsStore);
    return name.flatMap(helpers::find);
  }

  private Optional<Credentials> fromHelper(Path helper, String key) {
    Optional<String> out = helpers.run(helper, "get", key);
    if (out.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode n = Json.MAPPER.readTree(out.get());
      String user = n.path("Username").asText("");
      String secret = n.path("Secret").asText("");
      if (secret.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(user.equals(TOKEN_USER) ? new Credentials.IdentityToken(secret)
          : new Credentials.Basic(user, secret));
    } catch (JacksonException e) {
      throw new HangarException(ErrorCode.CREDENTIALS_INVALID, "error getting credentials with "
          + helper + " for " + key + ": its output is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private Optional<Credentials> fromEntry(ObjectNode entry, String key) {
    String identity = entry.path("identitytoken").asText("");
    if (!identity.isEmpty()) {
      return Optional.of(new Credentials.IdentityToken(identity));
    }
    String auth = entry.path("auth").asText("");
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw invalidAuth(key, "not base64", e);
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw invalidAuth(key, "not base64 of user:password", null);
      }
      return Optional.of(new Credentials.Basic(decoded.substring(0, colon),
          decoded.substring(colon + 1)));
    }
    String user = entry.path("username").asText("");
    String password = entry.path("password").asText("");
    return user.isEmpty() && password.isEmpty() ? Optional.empty()
        : Optional.of(new Credentials.Basic(user, password));
  }

  private HangarException invalidAuth(String key, String why, Throwable cause) {
    return new HangarException(ErrorCode.CREDENTIALS_INVALID, file + ": auths[\"" + key
        + "\"].auth is " + why, cause);
  }

  /** For tests and messages: the config file and the helper path. */
  @Override
  public String toString() {
    return "DockerConfig[" + file + "]";
  }
}
