package dev.hangar.managed.internal.dist;

import dev.hangar.managed.internal.pkg.LayerImporter;
import dev.hangar.managed.internal.store.AtomicFiles;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.registry.Descriptor;
import dev.hangar.registry.Digest;
import dev.hangar.registry.RegistryClient;
import dev.hangar.registry.Repository;
import dev.hangar.registry.TransferListener;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Downloads a Docker plugin image's layers and applies them in one pass: each layer is unpacked
 * by a thread of its own from the partial file the registry client is writing
 * ({@link LayerTail}), while the client downloads and hashes it, so the download, the fsync
 * before the blob's rename and the unpacking overlap, and the blob is not read back from the
 * store. A layer the store has is applied from the store.
 *
 * <p>Nothing unverified survives: the rootfs counts only if every streamed layer was read from
 * the very file the client verified and moved into the store; otherwise (the client started a
 * download over, an unpacking failed) the downloads go on, and {@link #finish} empties the
 * staging directory and applies every layer again from the store, as before streaming. A layer
 * that is invalid thus fails there, with the same message as without streaming.
 */
final class StreamedLayers {
  private final ContentStore store;
  private final Path staging;
  private final long maxBytes;
  private final ProgressSink sink;
  private LayerImporter layers;
  private boolean streaming = true;

  /**
   * @param staging an existing, empty, private directory; the rootfs goes to its {@code rootfs}
   * @param maxBytes the most bytes the rootfs may hold
   */
  StreamedLayers(ContentStore store, Path staging, long maxBytes, ProgressSink sink) {
    this.store = store;
    this.staging = staging;
    this.maxBytes = maxBytes;
    this.sink = sink;
    this.layers = new LayerImporter(staging, maxBytes);
  }

  /**
   * Fetches layer {@code l} into the store unless it is there, applying it meanwhile; layers
   * must come in the image's order.
   *
   * @param registry the client, without a listener of its own (this adds the progress sink)
   * @throws HangarException the registry client's codes (the download failed)
   */
  void fetch(RegistryClient registry, Repository repo, Descriptor l) {
    if (!streaming || store.blobs().contains(l.digest())) {
      fetchWhole(registry.withListener(sink), store, repo, l, sink);
      if (streaming) {
        applyStored(l); // the store had it
      }
      return;
    }
    String id = ProgressSink.shortId(l.digest());
    sink.say(id, "Pulling fs layer");
    LayerTail tail = new LayerTail(l.digest(), store.blobs().partial(l.digest()),
        store.blobs().path(l.digest()));
    boolean[] applied = {false};
    // While the layer downloads, its progress is the download's: one line per layer, as Docker
    // shows it, then "Extracting" for what is left once it is down.
    LongConsumer extracting = n -> {
      if (tail.ended()) {
        sink.bytes(id, "Extracting", n, l.size());
      }
    };
    Thread unpack = Thread.ofPlatform().name("hangar-unpack-" + id).start(() -> {
      try (InputStream in = new Counting(tail, extracting, l.size())) {
        layers.apply(in, l.digest().toString());
        applied[0] = true;
      } catch (IOException | RuntimeException e) {
        // Unpacked again from the verified blob by finish(), which reports a real problem.
      }
    });
    boolean ok = false;
    try {
      registry.withListener(both(sink, tail)).fetchBlob(repo, l, store.blobs());
      ok = true;
    } finally {
      tail.end(ok);
      join(unpack);
    }
    sink.say(id, "Download complete");
    if (applied[0] && tail.trustworthy()) {
      sink.say(id, "Pull complete");
    } else {
      streaming = false;
    }
  }

  /**
   * Fetches {@code l} into the store unless it is there, with Docker's messages; nothing
   * unpacked.
   */
  static void fetchWhole(RegistryClient client, ContentStore store, Repository repo,
      Descriptor l, ProgressSink sink) {
    String id = ProgressSink.shortId(l.digest());
    if (store.blobs().contains(l.digest())) {
      sink.say(id, "Already exists");
    } else {
      sink.say(id, "Pulling fs layer");
      client.fetchBlob(repo, l, store.blobs());
      sink.say(id, "Download complete");
    }
  }

  /**
   * The rootfs, every layer applied: as streamed, or, when a layer could not be, applied again
   * from the store in order.
   *
   * @throws HangarException PACKAGE_INVALID (a layer), IO_ERROR
   */
  Path finish(List<Descriptor> all) {
    if (!streaming) {
      clearStaging();
      layers = new LayerImporter(staging, maxBytes);
      for (Descriptor l : all) {
        applyStored(l);
      }
    }
    return layers.finish();
  }

  private void applyStored(Descriptor l) {
    try (InputStream in = counted(Files.newInputStream(store.require(l.digest())), l)) {
      layers.apply(in, l.digest().toString());
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, "cannot read layer " + l.digest()
          + ": " + e, e);
    }
    sink.say(ProgressSink.shortId(l.digest()), "Pull complete");
  }

  private InputStream counted(InputStream in, Descriptor l) {
    String id = ProgressSink.shortId(l.digest());
    return new Counting(in, n -> sink.bytes(id, "Extracting", n, l.size()), l.size());
  }

  private void clearStaging() {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(staging)) {
      for (Path p : ds) {
        AtomicFiles.deleteTree(p);
      }
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, "cannot empty " + staging + ": " + e, e);
    }
  }

  private static void join(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the unpacking ends soon: the tail has ended
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static TransferListener both(TransferListener a, TransferListener b) {
    return new TransferListener() {
      @Override
      public void progress(Digest digest, long done, long total) {
        a.progress(digest, done, total);
        b.progress(digest, done, total);
      }

      @Override
      public void resumed(Digest digest, long offset) {
        a.resumed(digest, offset);
        b.resumed(digest, offset);
      }
    };
  }

  /** Counts bytes read, telling {@code seen} every 1/100 of {@code total}. */
  private static final class Counting extends FilterInputStream {
    private final LongConsumer seen;
    private final long step;
    private long count;
    private long told;

    Counting(InputStream in, LongConsumer seen, long total) {
      super(in);
      this.seen = seen;
      this.step = Math.max(64 * 1024, total / 100);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(long n) {
      count += n;
      if (count - told >= step) {
        told = count;
        seen.accept(count);
      }
    }
  }
}
