package dev.hangar.managed.internal.artifact;

/** The media types of Hangar's plugin artifacts ({@code docs/protocol.md} section 16.1). */
public final class ArtifactMedia {
  /** The config blob of a JAR or exec plugin artifact. */
  public static final String CONFIG = "application/vnd.hangar.plugin.config.v1+json";
  /** The one layer of a JAR plugin artifact: the JAR's bytes. */
  public static final String JAR_LAYER = "application/vnd.hangar.plugin.jar.v1";
  /** The one layer of an exec plugin artifact: the bundle as a gzipped tar. */
  public static final String EXEC_LAYER = "application/vnd.hangar.plugin.exec.v1.tar+gzip";
  /** The manifest's {@code artifactType} of a JAR plugin. */
  public static final String JAR_ARTIFACT = "application/vnd.hangar.plugin.jar.v1";
  /** The manifest's {@code artifactType} of an exec plugin. */
  public static final String EXEC_ARTIFACT = "application/vnd.hangar.plugin.exec.v1";

  private ArtifactMedia() {}
}
