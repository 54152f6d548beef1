package dev.lode.jobs.mine;

import dev.lode.diff.Lines;
import dev.lode.mine.BoundedLru;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Reads the blobs a diff compares. A blob larger than {@code mine.big_file_threshold} is never loaded (its size comes
 * from the object header) and counts as binary, as git does; a submodule reads as git diffs it, the one line
 * {@code Subproject commit <sha>}. Recently read blobs are kept: a commit's old version of a file is usually the new
 * version its parent just read, so each version is inflated and split into lines once.
 */
final class BlobReader {
  /** Bounds the cache by bytes; a blob over a sixteenth of it is read but not kept. */
  private static final long CACHE_BYTES = 16L << 20;

  /** A blob as read for diffing: its bytes (null when over the threshold), its size, and its lines once needed. */
  static final class Blob {
    static final Blob NONE = new Blob(null, new byte[0], 0, false);

    final ObjectId id;
    final byte[] bytes;
    final long size;
    final boolean binary;
    private GitText text;

    Blob(ObjectId id, byte[] bytes, long size, boolean binary) {
      this.id = id;
      this.bytes = bytes;
      this.size = size;
      this.binary = binary;
    }

    GitText text() {
      if (text == null) {
        text = new GitText(bytes);
      }
      return text;
    }
  }

  private final ObjectReader reader;
  private final long bigFileThreshold;
  private final BoundedLru<ObjectId, Blob> cache = new BoundedLru<>(Integer.MAX_VALUE, CACHE_BYTES, b -> b.size);

  BlobReader(ObjectReader reader, long bigFileThreshold) {
    this.reader = reader;
    this.bigFileThreshold = bigFileThreshold;
  }

  /** The blob {@code id} of a file of {@code mode}; {@link Blob#NONE} where the file does not exist. */
  Blob read(AbbreviatedObjectId abbreviated, FileMode mode) throws IOException {
    if (mode == FileMode.MISSING) {
      return Blob.NONE;
    }
    ObjectId id = abbreviated.toObjectId();
    if (mode == FileMode.GITLINK) {
      byte[] line = ("Subproject commit " + id.name() + "\n").getBytes(StandardCharsets.US_ASCII);
      return new Blob(id, line, line.length, false);
    }
    Blob cached = cache.get(id);
    if (cached != null) {
      return cached;
    }
    ObjectLoader loader = reader.open(id, Constants.OBJ_BLOB);
    long size = loader.getSize();
    if (size > bigFileThreshold) {
      return new Blob(id, null, size, true);
    }
    byte[] bytes = loader.getCachedBytes((int) size);
    Blob blob = new Blob(id, bytes, size, Lines.isBinary(bytes));
    if (size <= CACHE_BYTES / 16) {
      cache.put(id, blob);
    }
    return blob;
  }
}
