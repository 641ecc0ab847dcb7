package dev.hangar.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.testkit.registry.RegistryServer;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blobs that arrive wrong or not at all, from Debian's real registry. */
class BlobFailureTest {
  @TempDir Path dir;

  private RegistryClient.Builder builder() {
    return RegistryClient.builder().credentials(CredentialSource.NONE)
        .certsDir(dir.resolve("no-certs"));
  }

  @Test
  void aTamperedBlobIsADigestMismatchNamingBothDigestsAndLeavesNothing() throws Exception {
    assumeTrue(RegistryServer.available());
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("registry")).start();
        RegistryClient client = builder().build()) {
      Path blob = TestImages.randomFile(dir, "blob", 300_000, 20);
      Repository repo = new Repository(registry.address(), "tamper/me");
      Descriptor d = client.pushBlob(repo, blob, Optional.empty()).descriptor();
      try (RandomAccessFile f = new RandomAccessFile(registry.blobFile(d.digest().hex()).toFile(),
          "rw")) {
        f.seek(1000);
        f.write(new byte[] {'X', 'X', 'X', 'X'});
      }
      BlobStore store = BlobStore.at(dir.resolve("store"));

      assertThatThrownBy(() -> client.fetchBlob(repo, d, store))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_MISMATCH))
          .hasMessageContaining("expected " + d.digest())
          .hasMessageMatching("(?s).*got sha256:[0-9a-f]{64}.*")
          .hasMessageContaining(registry.address() + "/tamper/me@" + d.digest());
      assertThat(Files.list(store.root().resolve("sha256"))).isEmpty();

      Path target = dir.resolve("target");
      assertThatThrownBy(() -> client.downloadBlob(repo, d.digest(), d.size(), target))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_MISMATCH));
      assertThat(target).doesNotExist();
      assertThat(dir.resolve("target.partial")).doesNotExist();
    }
  }

  @Test
  void aRegistryKilledMidBlobGivesAClearErrorAndARetryResumesWhereItBroke() throws Exception {
    assumeTrue(RegistryServer.available());
    long size = 24L * 1024 * 1024;
    Path blob = TestImages.randomFile(dir, "big", size, 21);
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("registry")).start()) {
      Repository repo = new Repository(registry.address(), "kill/me");
      Descriptor d;
      try (RegistryClient pusher = builder().build()) {
        d = pusher.pushBlob(repo, blob, Optional.empty()).descriptor();
      }
      AtomicBoolean killed = new AtomicBoolean();
      TransferListener killer = (digest, done, total) -> {
        if (done >= 2 * 1024 * 1024 && killed.compareAndSet(false, true)) {
          registry.kill();
        }
      };
      BlobStore store = BlobStore.at(dir.resolve("store"));
      try (RegistryClient client = builder().listener(killer).build()) {
        assertThatThrownBy(() -> client.fetchBlob(repo, d, store))
            .isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_UNREACHABLE))
            .hasMessageContaining("blob " + registry.address() + "/kill/me@" + d.digest())
            .hasMessageContaining("a retry resumes");
      }
      assertThat(store.contains(d.digest())).isFalse();
      long kept = Files.size(store.root().resolve("sha256").resolve(d.digest().hex() + ".partial"));
      assertThat(kept).isBetween(2L * 1024 * 1024, size - 1);

      registry.restart();
      AtomicLong resumedAt = new AtomicLong(-1);
      TransferListener watcher = new TransferListener() {
        @Override
        public void progress(Digest digest, long done, long total) {}

        @Override
        public void resumed(Digest digest, long offset) {
          resumedAt.set(offset);
        }
      };
      try (RegistryClient client = builder().listener(watcher).build()) {
        Path got = client.fetchBlob(repo, d, store);
        assertThat(TestImages.digestOf(got)).isEqualTo(d.digest());
      }
      assertThat(resumedAt.get()).isEqualTo(kept);
      assertThat(store.root().resolve("sha256").resolve(d.digest().hex() + ".partial"))
          .doesNotExist();

      AtomicLong calls = new AtomicLong();
      try (RegistryClient client = builder().listener((g, done, total) -> calls.incrementAndGet())
          .build()) {
        registry.kill();
        assertThat(client.fetchBlob(repo, d, store)).isEqualTo(store.path(d.digest()));
      }
      assertThat(calls.get()).as("a verified blob in the store is not fetched again").isEqualTo(1);
    }
  }

  @Test
  void aRegistryThatIsNotThereIsUnreachableNamingIt() throws Exception {
    assumeTrue(RegistryServer.available());
    String address;
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("registry")).start()) {
      address = registry.address();
    }
    try (RegistryClient client = builder().build()) {
      assertThatThrownBy(() -> client.pullManifest(Reference.parse(address + "/gone/away:1")))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_UNREACHABLE))
          .hasMessageContaining("cannot connect to registry " + address);
    }
  }
}
