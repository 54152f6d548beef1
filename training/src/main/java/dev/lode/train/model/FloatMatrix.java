package dev.lode.train.model;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense row-major float32 matrix held in an ND4J array. It exposes the same memory two ways: as a pointer for
 * BLAS products ({@link Blas}) and as a direct {@link FloatBuffer} for the element-wise kernels, so no step of a
 * training iteration allocates or copies an array it does not need to.
 */
public final class FloatMatrix {
  private final INDArray array;
  private final int rows;
  private final int cols;
  private final FloatBuffer buffer;
  private final FloatPointer pointer;

  private FloatMatrix(INDArray array, int rows, int cols) {
    this.array = array;
    this.rows = rows;
    this.cols = cols;
    this.buffer = array.data().asNioFloat();
    this.pointer = (FloatPointer) array.data().addressPointer();
  }

  /** A new matrix of zeros. */
  public static FloatMatrix zeros(int rows, int cols) {
    if (rows < 0 || cols < 0 || (long) rows * cols > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("matrix shape " + rows + "x" + cols + " is not allocatable");
    }
    INDArray a = Nd4j.create(DataType.FLOAT, Math.max(rows, 1), Math.max(cols, 1));
    return new FloatMatrix(a, rows, cols);
  }

  /** A new matrix holding {@code values} (row-major, length rows × cols). */
  public static FloatMatrix of(int rows, int cols, float[] values) {
    if (values.length != rows * cols) {
      throw new IllegalArgumentException("expected " + rows * cols + " values for " + rows + "x" + cols
          + ", got " + values.length);
    }
    FloatMatrix m = zeros(rows, cols);
    m.buffer.put(0, values);
    return m;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  public int size() {
    return rows * cols;
  }

  /** The ND4J array behind this matrix (shape rows × cols, c order). */
  public INDArray array() {
    return array;
  }

  FloatBuffer buffer() {
    return buffer;
  }

  FloatPointer pointer() {
    return pointer;
  }

  public float get(int i) {
    return buffer.get(i);
  }

  public float get(int r, int c) {
    return buffer.get(r * cols + c);
  }

  public void set(int i, float v) {
    buffer.put(i, v);
  }

  public void set(int r, int c, float v) {
    buffer.put(r * cols + c, v);
  }

  /** Row {@code r} into {@code dst[0..cols)}. */
  public void getRow(int r, float[] dst) {
    buffer.get(r * cols, dst, 0, cols);
  }

  public void setRow(int r, float[] src) {
    buffer.put(r * cols, src, 0, cols);
  }

  /** Reads {@code len} values from flat index {@code from} into {@code dst[off..)}. */
  public void read(int from, float[] dst, int off, int len) {
    buffer.get(from, dst, off, len);
  }

  public void write(int from, float[] src, int off, int len) {
    buffer.put(from, src, off, len);
  }

  public float[] toArray() {
    float[] out = new float[size()];
    buffer.get(0, out);
    return out;
  }

  public void copyFrom(float[] values) {
    if (values.length != size()) {
      throw new IllegalArgumentException("expected " + size() + " values, got " + values.length);
    }
    buffer.put(0, values);
  }

  public void copyFrom(FloatMatrix other) {
    if (other.rows != rows || other.cols != cols) {
      throw new IllegalArgumentException("shape " + other.rows + "x" + other.cols + " != " + rows + "x" + cols);
    }
    buffer.put(0, other.buffer, 0, size());
  }

  /** Sets every element to {@code v} (a Java loop: an ND4J op here would wake its OpenMP pool for nothing). */
  public void fill(float v) {
    int len = size();
    float[] chunk = new float[Math.min(len, 1 << 14)];
    java.util.Arrays.fill(chunk, v);
    for (int start = 0; start < len; start += chunk.length) {
      buffer.put(start, chunk, 0, Math.min(chunk.length, len - start));
    }
  }

  /** Multiplies every element by {@code k}. */
  public void scale(float k) {
    int len = size();
    float[] chunk = new float[Math.min(len, 1 << 14)];
    for (int start = 0; start < len; start += chunk.length) {
      int m = Math.min(chunk.length, len - start);
      buffer.get(start, chunk, 0, m);
      for (int i = 0; i < m; i++) {
        chunk[i] *= k;
      }
      buffer.put(start, chunk, 0, m);
    }
  }

  public FloatMatrix copy() {
    FloatMatrix m = zeros(rows, cols);
    m.copyFrom(this);
    return m;
  }

  public String shape() {
    return rows + "x" + cols;
  }
}
