package dev.lode.train.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .safetensors} file: an 8-byte little-endian header length, a JSON header naming each tensor's
 * dtype, shape and byte range, then the data. Everything the header claims is checked against the file's real size
 * before anything is allocated from it, so a truncated or hostile file is refused with a message naming the file and
 * the tensor, never with an out-of-memory error: header length, dtype, shape, offsets inside the data section, size
 * = elements × dtype width, and no two tensors overlapping.
 */
public final class SafetensorsReader implements Closeable {
  /** Largest header accepted; real headers of 100-billion-parameter checkpoints are a few MB. */
  public static final long MAX_HEADER_BYTES = 100L << 20;

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final Path file;
  private final FileChannel channel;
  private final long dataStart;
  private final Map<String, TensorInfo> tensors;
  private final Map<String, String> metadata;

  private SafetensorsReader(Path file, FileChannel channel, long dataStart, Map<String, TensorInfo> tensors,
      Map<String, String> metadata) {
    this.file = file;
    this.channel = channel;
    this.dataStart = dataStart;
    this.tensors = tensors;
    this.metadata = metadata;
  }

  /** Opens and validates {@code file}; the tensors are read on demand. */
  public static SafetensorsReader open(Path file) {
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new ModelFormatException(file + ": cannot open: " + e.getMessage(), e);
    }
    try {
      long size = ch.size();
      if (size < 8) {
        throw bad(file, "is " + size + " bytes long, shorter than the 8-byte header length");
      }
      ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, lenBuf, 0, file);
      long headerLen = lenBuf.getLong(0);
      if (headerLen < 2 || headerLen > MAX_HEADER_BYTES || headerLen > size - 8) {
        throw bad(file, "declares a " + Long.toUnsignedString(headerLen) + "-byte header but the file has "
            + (size - 8) + " bytes after the length (limit " + MAX_HEADER_BYTES + ")");
      }
      ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLen);
      readFully(ch, headerBuf, 8, file);
      String header = new String(headerBuf.array(), StandardCharsets.UTF_8);
      long dataStart = 8 + headerLen;
      long dataLen = size - dataStart;
      Map<String, String> metadata = new LinkedHashMap<>();
      Map<String, TensorInfo> tensors = parseHeader(file, header, dataLen, metadata);
      return new SafetensorsReader(file, ch, dataStart, tensors, metadata);
    } catch (IOException e) {
      closeQuietly(ch);
      throw new ModelFormatException(file + ": cannot read: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(ch);
      throw e;
    }
  }

  public Path file() {
    return file;
  }

  /** Every tensor by name, in header order. */
  public Map<String, TensorInfo> tensors() {
    return Collections.unmodifiableMap(tensors);
  }

  public Map<String, String> metadata() {
    return Collections.unmodifiableMap(metadata);
  }

  /** A tensor's values converted to float32; refused when its dtype is not F32, F16 or BF16. */
  public float[] readFloats(String name) {
    TensorInfo t = tensors.get(name);
    if (t == null) {
      throw new ModelFormatException(file + ": has no tensor '" + name + "'");
    }
    if (!t.dtype().isFloatReadable()) {
      throw new ModelFormatException(file + ": tensor '" + name + "' has dtype " + t.dtype()
          + "; only F32, F16 and BF16 weights can be read");
    }
    long count = t.elementCount();
    if (count > Integer.MAX_VALUE - 8) {
      throw new ModelFormatException(file + ": tensor '" + name + "' has " + count + " elements, too many for one array");
    }
    float[] out = new float[(int) count];
    int width = t.dtype().size();
    int chunkElems = Math.max(1, (16 << 20) / width);
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(count, chunkElems) * width).order(ByteOrder.LITTLE_ENDIAN);
    float[] tmp = new float[(int) Math.min(count, chunkElems)];
    long done = 0;
    try {
      while (done < count) {
        int n = (int) Math.min(chunkElems, count - done);
        buf.clear().limit(n * width);
        readFully(channel, buf, dataStart + t.begin() + done * width, file);
        buf.flip();
        t.dtype().decode(buf.order(ByteOrder.LITTLE_ENDIAN), tmp, n);
        System.arraycopy(tmp, 0, out, (int) done, n);
        done += n;
      }
    } catch (IOException e) {
      throw new ModelFormatException(file + ": cannot read tensor '" + name + "': " + e.getMessage(), e);
    }
    return out;
  }

  @Override
  public void close() {
    closeQuietly(channel);
  }

  private static Map<String, TensorInfo> parseHeader(Path file, String header, long dataLen,
      Map<String, String> metadata) {
    JsonNode root;
    try {
      root = JSON.readTree(header);
    } catch (IOException e) {
      throw bad(file, "header is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw bad(file, "header is not a JSON object");
    }
    Map<String, TensorInfo> tensors = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = root.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode v = e.getValue();
      if (name.equals("__metadata__")) {
        if (!v.isObject()) {
          throw bad(file, "__metadata__ is not an object of strings");
        }
        v.fields().forEachRemaining(m -> {
          if (!m.getValue().isTextual()) {
            throw bad(file, "__metadata__ value '" + m.getKey() + "' is not a string");
          }
          metadata.put(m.getKey(), m.getValue().asText());
        });
        continue;
      }
      tensors.put(name, parseTensor(file, name, v, dataLen));
    }
    checkNoOverlap(file, tensors);
    return tensors;
  }

  private static TensorInfo parseTensor(Path file, String name, JsonNode v, long dataLen) {
    String where = "tensor '" + name + "'";
    if (!v.isObject()) {
      throw bad(file, where + " is not an object");
    }
    JsonNode dtypeNode = v.get("dtype");
    DType dtype = dtypeNode != null && dtypeNode.isTextual() ? DType.parse(dtypeNode.asText()) : null;
    if (dtype == null) {
      throw bad(file, where + " has unknown dtype " + dtypeNode);
    }
    JsonNode shapeNode = v.get("shape");
    if (shapeNode == null || !shapeNode.isArray() || shapeNode.size() > 8) {
      throw bad(file, where + " has no valid shape (a list of at most 8 dimensions)");
    }
    long[] shape = new long[shapeNode.size()];
    long count = 1;
    for (int i = 0; i < shape.length; i++) {
      JsonNode d = shapeNode.get(i);
      if (!d.isIntegralNumber() || !d.canConvertToLong() || d.asLong() < 0) {
        throw bad(file, where + " has a negative or non-integer dimension " + d);
      }
      shape[i] = d.asLong();
      try {
        count = Math.multiplyExact(count, shape[i]);
      } catch (ArithmeticException overflow) {
        throw bad(file, where + " has a shape whose element count overflows: " + shapeNode);
      }
    }
    JsonNode off = v.get("data_offsets");
    if (off == null || !off.isArray() || off.size() != 2 || !off.get(0).canConvertToLong()
        || !off.get(1).canConvertToLong() || !off.get(0).isIntegralNumber() || !off.get(1).isIntegralNumber()) {
      throw bad(file, where + " has no valid data_offsets [begin, end]");
    }
    long begin = off.get(0).asLong();
    long end = off.get(1).asLong();
    if (begin < 0 || end < begin || end > dataLen) {
      throw bad(file, where + " claims bytes [" + begin + ", " + end + ") but the data section has " + dataLen
          + " bytes (truncated file?)");
    }
    long expected;
    try {
      expected = Math.multiplyExact(count, (long) dtype.size());
    } catch (ArithmeticException overflow) {
      throw bad(file, where + " is too large to address");
    }
    if (end - begin != expected) {
      throw bad(file, where + " has " + (end - begin) + " bytes but shape " + shapeNode + " of " + dtype
          + " needs " + expected);
    }
    return new TensorInfo(name, dtype, shape, begin, end);
  }

  private static void checkNoOverlap(Path file, Map<String, TensorInfo> tensors) {
    List<TensorInfo> sorted = new ArrayList<>(tensors.values());
    sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
    for (int i = 1; i < sorted.size(); i++) {
      TensorInfo a = sorted.get(i - 1);
      TensorInfo b = sorted.get(i);
      if (b.begin() < a.end()) {
        throw bad(file, "tensors '" + a.name() + "' and '" + b.name() + "' overlap");
      }
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position, Path file) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw bad(file, "ends at byte " + pos + " before the data its header describes (truncated file?)");
      }
      pos += n;
    }
  }

  private static ModelFormatException bad(Path file, String what) {
    return new ModelFormatException(file + ": not a valid safetensors file: " + what);
  }

  private static String firstLine(String s) {
    int nl = s == null ? -1 : s.indexOf('\n');
    return s == null ? "" : nl < 0 ? s : s.substring(0, nl);
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // nothing to lose: the channel was read-only
    }
  }
}
