package dev.lode.train.io;

import java.util.Arrays;

/** One entry of a safetensors header: dtype, shape and byte range within the data section. */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {
  public long elementCount() {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  public String shapeString() {
    return Arrays.toString(shape);
  }
}
