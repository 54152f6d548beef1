package dev.lode.train.io;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Safetensors element types. F32, F16 and BF16 are read (converted to float32); the rest are named in errors. */
public enum DType {
  F32(4), F16(2), BF16(2), F64(8), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1), F8_E4M3(1), F8_E5M2(1);

  private final int size;

  DType(int size) {
    this.size = size;
  }

  public int size() {
    return size;
  }

  public boolean isFloatReadable() {
    return this == F32 || this == F16 || this == BF16;
  }

  /** The dtype spelled {@code name} in a header, or null when safetensors defines no such type here. */
  public static DType parse(String name) {
    return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst().orElse(null);
  }

  /** Decodes {@code count} little-endian elements of this type into floats. */
  void decode(ByteBuffer src, float[] dst, int count) {
    switch (this) {
      case F32 -> src.asFloatBuffer().get(dst, 0, count);
      case F16 -> {
        for (int i = 0; i < count; i++) {
          dst[i] = halfToFloat(src.getShort(i * 2));
        }
      }
      case BF16 -> {
        for (int i = 0; i < count; i++) {
          dst[i] = Float.intBitsToFloat((src.getShort(i * 2) & 0xffff) << 16);
        }
      }
      default -> throw new IllegalStateException(this + " is not a float type this reader converts");
    }
  }

  /** IEEE 754 binary16 → float32, exact (Java 17 has no Float.float16ToFloat). */
  static float halfToFloat(short h) {
    int bits = h & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1f;
    int mant = bits & 0x3ff;
    if (exp == 0x1f) { // inf or NaN
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      if (mant == 0) {
        return Float.intBitsToFloat(sign);
      }
      float v = mant / 1024f / 16384f; // subnormal: mant · 2^-24
      return sign == 0 ? v : -v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }
}
