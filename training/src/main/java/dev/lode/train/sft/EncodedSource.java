package dev.lode.train.sft;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A data source seen through its encoder: each pass streams the records and yields the tokenized examples, counting
 * the skipped ones. Nothing is cached: every pass tokenizes again, so memory holds one record at a time however
 * large the data.
 */
public final class EncodedSource {
  private final String describe;
  private final Supplier<CloseableIterator<List<Encoded>>> open;
  private final long limit;

  private EncodedSource(String describe, Supplier<CloseableIterator<List<Encoded>>> open, long limit) {
    this.describe = describe;
    this.open = open;
    this.limit = limit;
  }

  private EncodedSource(String describe, Supplier<CloseableIterator<List<Encoded>>> open) {
    this(describe, open, 0);
  }

  /** Conversations through the chat template ({@link ChatEncoder}). */
  public static EncodedSource chat(ExampleSource source, ChatEncoder encoder) {
    return new EncodedSource(source.describe(), () -> map(source.open(), e -> List.of(encoder.encode(e))));
  }

  /** Documents as windows of text ({@link DocumentEncoder}). */
  public static EncodedSource text(DocumentSource source, DocumentEncoder encoder) {
    return new EncodedSource(source.describe(), () -> map(source.open(), encoder::encode));
  }

  /** Examples already tokenized (a token cache, a test's fixture); each pass is a new {@code open.get()}. */
  public static EncodedSource of(String describe, Supplier<? extends Iterator<TokenizedExample>> open) {
    return new EncodedSource(describe, () -> map(CloseableIterator.of(open.get()), t -> List.of(Encoded.of(t))));
  }

  public String describe() {
    return describe;
  }

  /**
   * The same source cut to the first {@code n} examples of each pass (0: all of them); the records after the n-th
   * kept example are neither read nor counted.
   */
  public EncodedSource first(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("cannot take " + n + " examples of " + describe);
    }
    return new EncodedSource(describe, open, n);
  }

  /** A new pass over the examples; skips (and kept records) are counted into {@code counts} when not null. */
  public CloseableIterator<TokenizedExample> open(SkipCounts counts) {
    CloseableIterator<List<Encoded>> records = open.get();
    return new CloseableIterator<>() {
      private Iterator<Encoded> current = List.<Encoded>of().iterator();
      private TokenizedExample next;
      private long served;

      @Override
      public boolean hasNext() {
        if (next == null && limit > 0 && served >= limit) {
          return false;
        }
        while (next == null) {
          if (current.hasNext()) {
            Encoded e = current.next();
            if (e.isSkipped()) {
              if (counts != null) {
                counts.skipped(e.skip(), e.id());
              }
            } else {
              if (counts != null) {
                counts.kept();
              }
              next = e.example();
            }
          } else if (records.hasNext()) {
            current = records.next().iterator();
          } else {
            return false;
          }
        }
        return true;
      }

      @Override
      public TokenizedExample next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        TokenizedExample t = next;
        next = null;
        served++;
        return t;
      }

      @Override
      public void close() {
        records.close();
      }
    };
  }

  private static <A, B> CloseableIterator<B> map(CloseableIterator<A> in, Function<? super A, B> f) {
    return new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public B next() {
        return f.apply(in.next());
      }

      @Override
      public void close() {
        in.close();
      }
    };
  }
}
