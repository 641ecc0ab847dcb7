package dev.hangar.registry.sign;

import dev.hangar.registry.Descriptor;
import dev.hangar.registry.Digest;
import dev.hangar.registry.MediaTypes;
import dev.hangar.registry.RawManifest;
import dev.hangar.registry.Reference;
import dev.hangar.registry.RegistryClient;
import dev.hangar.registry.Repository;
import dev.hangar.registry.internal.sign.Ecdsa;
import dev.hangar.registry.internal.sign.SignatureImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Keys, plugin-like images and hand-made signature images for the signature tests. */
final class SignTestKit {
  private SignTestKit() {}

  /** A P-256 key pair from a seed, so every run gets the same keys. */
  static KeyPair keyPair(long seed) throws GeneralSecurityException {
    SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
    r.setSeed(seed);
    return keyPair("secp256r1", r);
  }

  static KeyPair keyPair(String curve, SecureRandom r) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve), r);
    return g.generateKeyPair();
  }

  /** Writes a PEM block. */
  static Path pem(Path file, String type, byte[] der) throws IOException {
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der);
    return Files.writeString(file, "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type
        + "-----\n");
  }

  /** The key pair's public half as cosign.pub is written, and its private half as PKCS#8. */
  record KeyFiles(Path publicKey, Path privateKey) {
    VerificationKey verification() {
      return VerificationKey.load(publicKey);
    }

    SigningKey signing() {
      return SigningKey.load(privateKey);
    }
  }

  static KeyFiles write(Path dir, String name, KeyPair kp) throws IOException {
    return new KeyFiles(pem(dir.resolve(name + ".pub"), "PUBLIC KEY", kp.getPublic().getEncoded()),
        pem(dir.resolve(name + ".key"), "PRIVATE KEY", kp.getPrivate().getEncoded()));
  }

  /** A pushed plugin-like image: its reference (tag and digest) and its one layer. */
  record Image(Reference ref, Digest digest, Descriptor layer) {}

  /**
   * Pushes an image shaped like what {@code docker plugin push} makes: Docker's plugin config
   * and one gzipped rootfs layer of seeded random bytes.
   */
  static Image pushPlugin(RegistryClient client, Repository repo, String tag, long seed)
      throws IOException {
    byte[] tar = new byte[64 * 1024];
    new Random(seed).nextBytes(tar);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(tar);
    }
    String config = "{\"Description\":\"signed test plugin " + seed + "\",\"Entrypoint\":"
        + "[\"/plugin\"],\"Interface\":{\"Socket\":\"p.sock\","
        + "\"Types\":[\"docker.volumedriver/1.0\"]},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.of(tar) + "\"]}}";
    Descriptor c = push(client, repo, MediaTypes.DOCKER_PLUGIN_CONFIG,
        config.getBytes(StandardCharsets.UTF_8));
    Descriptor l = push(client, repo, MediaTypes.DOCKER_LAYER_GZIP, gz.toByteArray());
    String m = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\","
        + "\"config\":" + json(c) + ",\"layers\":[" + json(l) + "]}";
    RawManifest raw = RawManifest.of(MediaTypes.DOCKER_MANIFEST,
        m.getBytes(StandardCharsets.UTF_8));
    Digest d = client.pushManifest(repo.tag(tag), raw);
    return new Image(repo.tag(tag).withDigest(d), d, l);
  }

  /** Pushes bytes as a blob. */
  static Descriptor push(RegistryClient client, Repository repo, String mediaType, byte[] bytes)
      throws IOException {
    Path f = Files.createTempFile("sign-test", ".blob");
    try {
      Files.write(f, bytes);
      Descriptor d = client.pushBlob(repo, f, Optional.empty()).descriptor();
      return Descriptor.of(mediaType, d.digest(), d.size());
    } finally {
      Files.deleteIfExists(f);
    }
  }

  /** One hand-made signature layer: payload bytes and the annotation's base64 signature. */
  record Sig(byte[] payload, String signature) {
    static Sig of(byte[] payload, KeyPair signer) {
      return new Sig(payload, Base64.getEncoder().encodeToString(
          Ecdsa.sign(signer.getPrivate(), payload)));
    }
  }

  /** Pushes a signature image for {@code digest} in {@code repo}, replacing any there. */
  static Reference pushSignatures(RegistryClient client, Repository repo, Digest digest,
      String mediaType, List<Sig> sigs) throws IOException {
    List<SignatureImage.Layer> layers = new ArrayList<>();
    for (Sig s : sigs) {
      Descriptor d = push(client, repo, mediaType, s.payload());
      layers.add(new SignatureImage.Layer(mediaType, d.digest(), d.size(),
          s.signature() == null ? Map.of()
              : Map.of(SignatureImage.SIGNATURE_ANNOTATION, s.signature())));
    }
    Descriptor c = push(client, repo, MediaTypes.OCI_CONFIG, SignatureImage.config(layers));
    Reference tag = repo.tag(SignatureImage.tag(digest));
    client.pushManifest(tag, SignatureImage.manifest(c, layers));
    return tag;
  }

  /** A payload as cosign writes it. */
  static byte[] payload(String dockerReference, Digest digest) {
    return ("{\"critical\":{\"identity\":{\"docker-reference\":\"" + dockerReference
        + "\"},\"image\":{\"docker-manifest-digest\":\"" + digest + "\"},\"type\":\""
        + SimpleSigningPayload.TYPE + "\"},\"optional\":null}").getBytes(StandardCharsets.UTF_8);
  }

  static String json(Descriptor d) {
    return "{\"mediaType\":\"" + d.mediaType() + "\",\"size\":" + d.size() + ",\"digest\":\""
        + d.digest() + "\"}";
  }
}
