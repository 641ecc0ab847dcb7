package dev.hangar.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example d7yfs resource plugin, as built by Maven, dropped into {@code <root>/plugins} and
 * used through {@code ./hangar}: validated, downloaded from (whole, ranged, resumed, skipped when
 * current), and refused when its manifest names another plugin API version.
 */
class D7yfsEndToEndTest {
  private static final String JAR_NAME = "d7y-resource-plugin-d7yfs.jar";

  @TempDir Path root;
  @TempDir Path served;
  @TempDir Path downloads;
  private byte[] blob;

  static Path exampleJar() {
    Path jar = HangarProcess.repo().resolve("examples/d7yfs-resource-plugin/target/" + JAR_NAME);
    assertThat(jar).as("built by the reactor before hangar-tests").isRegularFile();
    return jar;
  }

  @BeforeEach
  void install() throws IOException {
    Path plugins = Files.createDirectories(root.resolve("plugins"));
    Files.copy(exampleJar(), plugins.resolve(JAR_NAME));
    Files.writeString(plugins.resolve("d7y-resource-plugin-d7yfs.properties"), "root=" + served + "\n");
    blob = new byte[3 * 1024 * 1024 + 17];
    new Random(42).nextBytes(blob);
    Files.createDirectories(served.resolve("dir"));
    Files.write(served.resolve("dir/blob.bin"), blob);
  }

  @Test
  void validateListsThePluginsWithTheirAttributes() throws IOException {
    // The second example: a plugin of a type of its own ("hasher"), not a resource.
    Files.copy(HangarProcess.repo().resolve("examples/hash-plugin/target/hangar-hasher-plugin-sha.jar"),
        root.resolve("plugins/hangar-hasher-plugin-sha.jar"));
    HangarProcess.Result r = HangarProcess.run(root, null, "plugin", "validate");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).as(r.toString())
        .contains("resource plugin d7yfs, location: " + JAR_NAME + ", attribute: {")
        .contains("\"scheme\":\"d7yfs\"").contains("\"type\":\"resource\"")
        .contains("\"vendor\":\"d7y\"").contains("\"buildCommit\":")
        .contains("hasher plugin sha, location: hangar-hasher-plugin-sha.jar, attribute: {");
  }

  @Test
  void theHasherIsCalledFromTheCommandLine() throws IOException {
    Files.copy(HangarProcess.repo().resolve("examples/hash-plugin/target/hangar-hasher-plugin-sha.jar"),
        root.resolve("plugins/hangar-hasher-plugin-sha.jar"));
    HangarProcess.Result r = HangarProcess.run(root, null, "plugin", "call", "hasher/sha", "apply",
        "\"hello\"");
    assertThat(r.exit()).as(r.toString()).isZero();
    // sha256("hello")
    assertThat(r.out()).isEqualTo(
        "\"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\"\n");
  }

  @Test
  void getDownloadsByteForByteAndSkipsACurrentCopy() throws IOException {
    Path out = downloads.resolve("out.bin");
    HangarProcess.Result r = get("d7yfs://localhost/dir/blob.bin", "-O", out.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(blob);

    HangarProcess.Result again = get("d7yfs://localhost/dir/blob.bin", "-O", out.toString());
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(again.out()).as(again.toString()).contains("up to date");
    assertThat(Files.readAllBytes(out)).isEqualTo(blob);
  }

  @Test
  void getWithARangeWritesThoseBytesOnly() throws IOException {
    Path out = downloads.resolve("part.bin");
    HangarProcess.Result r = get("d7yfs://localhost/dir/blob.bin", "--range", "1000-1999",
        "-O", out.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(Arrays.copyOfRange(blob, 1000, 2000));
  }

  @Test
  void resumeContinuesAPartialDownload() throws IOException {
    // A finished download gives the version record a broken transfer leaves beside its part
    // (.NAME.hangar-part-meta has the format of .NAME.hangar-meta); with the first bytes under
    // the temporary name, that is the state a killed transfer leaves.
    Path first = downloads.resolve("first.bin");
    assertThat(get("d7yfs://localhost/dir/blob.bin", "-O", first.toString()).exit()).isZero();
    Path out = downloads.resolve("resumed.bin");
    Files.copy(downloads.resolve(".first.bin.hangar-meta"), downloads.resolve(".resumed.bin.hangar-part-meta"));
    Files.write(downloads.resolve(".resumed.bin.hangar-part"), Arrays.copyOf(blob, 1_000_000));

    HangarProcess.Result r = get("d7yfs://localhost/dir/blob.bin", "--resume", "-O", out.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).as(r.toString()).contains("Resumed")
        .contains((blob.length - 1_000_000) + " bytes transferred");
    assertThat(Files.readAllBytes(out)).isEqualTo(blob);
    assertThat(downloads.resolve(".resumed.bin.hangar-part")).doesNotExist();
  }

  @Test
  void aMissingFileIsAClearErrorAndLeavesNothing() {
    Path out = downloads.resolve("none.bin");
    HangarProcess.Result r = get("d7yfs://localhost/dir/none.bin", "-O", out.toString());
    assertThat(r.exit()).as(r.toString()).isNotZero();
    assertThat(r.err()).as(r.toString()).contains("none.bin");
    assertThat(out).doesNotExist();
  }

  @Test
  void aJarBuiltAgainstAnotherApiVersionIsRefusedWithBothVersions() throws IOException {
    Path plugins = root.resolve("plugins");
    Path jar = plugins.resolve(JAR_NAME);
    byte[] rewritten = withApiVersion(Files.readAllBytes(jar), "2.0");
    Files.write(jar, rewritten);

    HangarProcess.Result r = HangarProcess.run(root, null, "plugin", "validate");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    String all = r.out() + r.err();
    assertThat(all).as(r.toString()).contains(JAR_NAME).contains("2.0").contains("1.0");

    HangarProcess.Result get = get("d7yfs://localhost/dir/blob.bin", "-O",
        downloads.resolve("x.bin").toString());
    assertThat(get.exit()).as(get.toString()).isNotZero();
    assertThat(downloads.resolve("x.bin")).doesNotExist();
  }

  private HangarProcess.Result get(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "get";
    System.arraycopy(args, 0, all, 1, args.length);
    return HangarProcess.run(root, null, all);
  }

  /** The same JAR with its manifest's Hangar-Api-Version replaced. */
  private static byte[] withApiVersion(byte[] jar, String version) throws IOException {
    var bytes = new java.io.ByteArrayOutputStream();
    try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(jar))) {
      Manifest m = new Manifest(in.getManifest());
      m.getMainAttributes().put(new Attributes.Name("Hangar-Api-Version"), version);
      try (JarOutputStream out = new JarOutputStream(bytes, m)) {
        for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
          out.putNextEntry(new JarEntry(e.getName()));
          copy(in, out);
          out.closeEntry();
        }
      }
    }
    return bytes.toByteArray();
  }

  private static void copy(InputStream in, OutputStream out) throws IOException {
    in.transferTo(out);
  }
}
