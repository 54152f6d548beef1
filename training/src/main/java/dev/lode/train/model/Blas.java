package dev.lode.train.model;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Matrix products on the OpenBLAS that ND4J's CPU backend is built on, called the way ND4J's own
 * {@code CpuLevel3.sgemm} calls it, with explicit offsets and leading dimensions.
 *
 * <p>Why not {@code Nd4j.gemm}: each call goes through the generic {@code Mmul} custom op (shape inference, op
 * dispatch), about 150 µs here. That is noise on a 2048×256×8192 product but it is most of the cost of the
 * 256×32×256 per-head products of attention, which run 1,500 times per training step. Calling the BLAS entry point
 * straight into preallocated arrays makes those 4× faster and keeps every product allocation-free.
 */
public final class Blas {
  private Blas() {}

  /** C[m×n] = alpha · op(A) · op(B) + beta · C, each operand a row-major block at an offset with a leading dim. */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      FloatMatrix a, int aOffset, int lda, FloatMatrix b, int bOffset, int ldb,
      float beta, FloatMatrix c, int cOffset, int ldc) {
    if (m == 0 || n == 0) {
      return;
    }
    checkBounds("A", a, aOffset, transA ? k : m, transA ? m : k, lda);
    checkBounds("B", b, bOffset, transB ? n : k, transB ? k : n, ldb);
    checkBounds("C", c, cOffset, m, n, ldc);
    openblas_nolapack.cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans,
        transB ? CblasTrans : CblasNoTrans, m, n, k, alpha,
        at(a, aOffset), lda, at(b, bOffset), ldb, beta, at(c, cOffset), ldc);
  }

  /** C = alpha · op(A) · op(B) + beta · C on whole matrices. */
  public static void gemm(FloatMatrix a, boolean transA, FloatMatrix b, boolean transB, FloatMatrix c,
      float alpha, float beta) {
    int m = transA ? a.cols() : a.rows();
    int k = transA ? a.rows() : a.cols();
    int kb = transB ? b.cols() : b.rows();
    int n = transB ? b.rows() : b.cols();
    if (k != kb || c.rows() != m || c.cols() != n) {
      throw new IllegalArgumentException("gemm shapes do not agree: A " + a.shape() + (transA ? "ᵀ" : "")
          + ", B " + b.shape() + (transB ? "ᵀ" : "") + ", C " + c.shape());
    }
    gemm(transA, transB, m, n, k, alpha, a, 0, a.cols(), b, 0, b.cols(), beta, c, 0, c.cols());
  }

  /** Threads OpenBLAS uses for one product. */
  public static void setThreads(int threads) {
    openblas_nolapack.blas_set_num_threads(threads);
  }

  private static FloatPointer at(FloatMatrix m, int offset) {
    return new FloatPointer(m.pointer()).position(offset);
  }

  private static void checkBounds(String name, FloatMatrix m, int offset, int rows, int cols, int ld) {
    if (ld < cols || offset < 0 || (rows > 0 && (long) offset + (long) (rows - 1) * ld + cols > m.size())) {
      throw new IllegalArgumentException("gemm operand " + name + " (" + rows + "x" + cols + " at " + offset
          + ", ld " + ld + ") lies outside its " + m.shape() + " array");
    }
  }
}
