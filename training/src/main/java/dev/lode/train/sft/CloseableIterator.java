package dev.lode.train.sft;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator over a stream that holds something open (a file, a Spark job's result partitions): whoever opens one
 * closes it, in a try-with-resources, whether or not it read to the end.
 */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
  /** Releases what the stream holds; no checked exception, so a try-with-resources needs no catch. */
  @Override
  void close();

  /** {@code it} as a closeable iterator; closing it closes {@code it} when that is {@link AutoCloseable}. */
  static <T> CloseableIterator<T> of(Iterator<T> it) {
    if (it instanceof CloseableIterator<T> c) {
      return c;
    }
    return new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public T next() {
        return it.next();
      }

      @Override
      public void close() {
        if (it instanceof AutoCloseable c) {
          try {
            c.close();
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new IllegalStateException("closing " + it + " failed: " + e.getMessage(), e);
          }
        }
      }
    };
  }

  /** Nothing. */
  static <T> CloseableIterator<T> empty() {
    return of(new Iterator<T>() {
      @Override
      public boolean hasNext() {
        return false;
      }

      @Override
      public T next() {
        throw new NoSuchElementException();
      }
    });
  }
}
