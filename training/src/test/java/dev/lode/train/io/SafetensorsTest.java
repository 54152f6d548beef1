package dev.lode.train.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.train.model.FloatMatrix;
import dev.lode.train.model.LlamaConfig;
import dev.lode.train.model.LlamaModel;
import dev.lode.train.model.ModelFixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
  @TempDir Path dir;

  private Path raw(String header, byte[] data, long declaredHeaderLength) throws IOException {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(declaredHeaderLength).put(h).put(data);
    Path f = dir.resolve("t" + System.nanoTime() + ".safetensors");
    Files.write(f, b.array());
    return f;
  }

  private Path raw(String header, byte[] data) throws IOException {
    return raw(header, data, header.getBytes(StandardCharsets.UTF_8).length);
  }

  private void refused(Path f, String expected) {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> {
      try (SafetensorsReader r = SafetensorsReader.open(f)) {
        r.tensors().keySet().forEach(r::readFloats);
      }
    });
    assertTrue(e.getMessage().contains(f.toString()), "names the file: " + e.getMessage());
    assertTrue(e.getMessage().contains(expected), "says why (" + expected + "): " + e.getMessage());
  }

  @Test
  void writtenTensorsReadBackBitExact() throws IOException {
    float[] v = {1.5f, -0f, Float.MIN_VALUE, 3.4e38f, -7.25f, 0.1f};
    Path f = dir.resolve("w.safetensors");
    new SafetensorsWriter().metadata("format", "pt").add("a.weight", v, 2, 3).write(f);
    try (SafetensorsReader r = SafetensorsReader.open(f)) {
      assertEquals("pt", r.metadata().get("format"));
      assertArrayEquals(new long[] {2, 3}, r.tensors().get("a.weight").shape());
      float[] back = r.readFloats("a.weight");
      for (int i = 0; i < v.length; i++) {
        assertEquals(Float.floatToRawIntBits(v[i]), Float.floatToRawIntBits(back[i]));
      }
    }
  }

  @Test
  void halfAndBfloat16WeightsConvertToFloat() throws IOException {
    // F16: 1.0 = 0x3c00, -2.5 = 0xc100; BF16: 1.0 = 0x3f80, 0.5 = 0x3f00
    byte[] data = {0x00, 0x3c, 0x00, (byte) 0xc1, (byte) 0x80, 0x3f, 0x00, 0x3f};
    Path f = raw("{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
        + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[4,8]}}", data);
    try (SafetensorsReader r = SafetensorsReader.open(f)) {
      assertArrayEquals(new float[] {1f, -2.5f}, r.readFloats("h"));
      assertArrayEquals(new float[] {1f, 0.5f}, r.readFloats("b"));
    }
  }

  @Test
  void truncatedFileIsRefused() throws IOException {
    Path f = dir.resolve("w.safetensors");
    new SafetensorsWriter().add("x", new float[1000], 1000).write(f);
    byte[] all = Files.readAllBytes(f);
    Path cut = dir.resolve("cut.safetensors");
    Files.write(cut, java.util.Arrays.copyOf(all, all.length - 10));
    refused(cut, "truncated");
    Path tiny = dir.resolve("tiny.safetensors");
    Files.write(tiny, new byte[] {1, 2, 3});
    refused(tiny, "shorter than the 8-byte header length");
  }

  @Test
  void hugeDeclaredHeaderIsRefusedWithoutAllocatingIt() throws IOException {
    refused(raw("{}", new byte[0], Long.MAX_VALUE), "-byte header");
    refused(raw("{}", new byte[0], 1L << 40), "-byte header");
  }

  @Test
  void hostileHeadersAreRefused() throws IOException {
    byte[] eight = new byte[8];
    refused(raw("not json at all", eight), "not valid JSON");
    refused(raw("[1,2]", eight), "not a JSON object");
    refused(raw("{\"x\":{\"dtype\":\"F99\",\"shape\":[2],\"data_offsets\":[0,8]}}", eight), "unknown dtype");
    refused(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", eight), "negative");
    refused(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8000000000]}}", eight),
        "data section has 8 bytes");
    refused(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,8]}}", eight),
        "overflows");
    refused(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", eight), "needs 12");
    refused(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"y\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", eight), "overlap");
    refused(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", eight), "not valid JSON");
    refused(raw("{\"x\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", eight), "only F32, F16 and BF16");
  }

  @Test
  void modelDirectoryRoundTripsSingleAndSharded() throws IOException {
    LlamaConfig cfg = ModelFixtures.config("qwen2", false, 4, 2);
    LlamaModel model = ModelFixtures.randomModel(cfg, 3);
    int[] ids = new SplittableRandom(1).ints(12, 0, cfg.vocabSize()).toArray();
    float[] expected = model.logits(ids, 1, 12).toArray();
    for (long shard : new long[] {HfModelWriter.DEFAULT_MAX_SHARD_BYTES, 20_000}) {
      Path out = dir.resolve("m" + shard);
      HfModelWriter.write(model, out, shard);
      assertEquals(shard < 1_000_000, Files.exists(out.resolve(HfModelReader.INDEX)));
      FloatMatrix logits = HfModelReader.read(out).logits(ids, 1, 12);
      assertArrayEquals(expected, logits.toArray());
    }
  }

  @Test
  void missingOrMisshapenWeightsNameTheWeight() throws IOException {
    LlamaConfig cfg = ModelFixtures.config("llama", false, 4, 2);
    Path out = dir.resolve("m");
    HfModelWriter.write(ModelFixtures.randomModel(cfg, 3), out);
    // a model with a different vocabulary reads the same files: every shape is checked
    String json = Files.readString(out.resolve("config.json")).replace("\"vocab_size\" : 97", "\"vocab_size\" : 98");
    Files.writeString(out.resolve("config.json"), json);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> HfModelReader.read(out));
    assertTrue(e.getMessage().contains("model.embed_tokens.weight") && e.getMessage().contains("[97, 32]"),
        e.getMessage());
  }
}
