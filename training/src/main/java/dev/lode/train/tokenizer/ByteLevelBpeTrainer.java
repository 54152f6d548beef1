package dev.lode.train.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trains a GPT-2-style byte-level BPE: text is split with GPT-2's pre-tokenizer pattern (the one Hugging Face's
 * ByteLevel pre-tokenizer applies), each piece is written as bytes mapped to printable characters, and the most
 * frequent adjacent pair is merged until the vocabulary is full. With no text it yields the 256 byte tokens alone,
 * which still encode any input.
 *
 * <p>Pair counts are kept incrementally (only the words containing the merged pair are recounted), so training on
 * tens of megabytes of code takes seconds, not hours.
 */
public final class ByteLevelBpeTrainer {
  /** GPT-2's pre-tokenizer pattern, as in tokenizers' ByteLevel with use_regex. */
  public static final Pattern GPT2_SPLIT = Pattern.compile(
      "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");

  private static final String[] BYTE_TO_CHAR = byteToChar();

  /** The trained vocabulary (token → id, specials first, then bytes, then merges) and the merges in order. */
  public record Result(Map<String, Integer> vocab, List<String[]> merges, List<String> specialTokens) {}

  private final int vocabSize;
  private final int minFrequency;
  private final List<String> specialTokens;
  private final Map<String, Long> wordCounts = new HashMap<>();

  public ByteLevelBpeTrainer(int vocabSize, int minFrequency, List<String> specialTokens) {
    if (vocabSize < 256 + specialTokens.size()) {
      throw new IllegalArgumentException("vocabulary size " + vocabSize + " cannot hold the 256 byte tokens and "
          + specialTokens.size() + " special tokens");
    }
    this.vocabSize = vocabSize;
    this.minFrequency = Math.max(1, minFrequency);
    this.specialTokens = List.copyOf(specialTokens);
  }

  /** Counts the pre-tokenized pieces of one text. */
  public void add(String text) {
    Matcher m = GPT2_SPLIT.matcher(text);
    while (m.find()) {
      wordCounts.merge(m.group(), 1L, Long::sum);
    }
  }

  public Result train() {
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (String s : specialTokens) {
      vocab.put(s, vocab.size());
    }
    List<String> symbols = new ArrayList<>(); // symbol id → token text
    Map<String, Integer> symbolId = new HashMap<>();
    for (int b = 0; b < 256; b++) {
      symbolId.put(BYTE_TO_CHAR[b], symbols.size());
      symbols.add(BYTE_TO_CHAR[b]);
      vocab.put(BYTE_TO_CHAR[b], vocab.size());
    }
    // words as symbol sequences, sorted for a deterministic result
    List<String> keys = new ArrayList<>(wordCounts.keySet());
    keys.sort(null);
    int[][] words = new int[keys.size()][];
    long[] counts = new long[keys.size()];
    for (int w = 0; w < keys.size(); w++) {
      byte[] bytes = keys.get(w).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      words[w] = new int[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        words[w][i] = bytes[i] & 0xff;
      }
      counts[w] = wordCounts.get(keys.get(w));
    }
    Map<Long, Long> pairCount = new HashMap<>();
    Map<Long, Set<Integer>> pairWords = new HashMap<>();
    for (int w = 0; w < words.length; w++) {
      addPairs(words[w], counts[w], w, pairCount, pairWords, 1);
    }
    PriorityQueue<long[]> queue = new PriorityQueue<>((x, y) -> x[0] != y[0] ? Long.compare(y[0], x[0])
        : Long.compare(x[1], y[1]));
    pairCount.forEach((p, c) -> queue.add(new long[] {c, p}));
    List<String[]> merges = new ArrayList<>();
    while (vocab.size() < vocabSize && !queue.isEmpty()) {
      long[] top = queue.poll();
      long pair = top[1];
      Long current = pairCount.get(pair);
      if (current == null || current != top[0]) {
        continue; // stale entry
      }
      if (current < minFrequency) {
        break;
      }
      int a = (int) (pair >>> 32);
      int b = (int) pair;
      String merged = symbols.get(a) + symbols.get(b);
      int c;
      if (symbolId.containsKey(merged)) {
        c = symbolId.get(merged);
      } else {
        c = symbols.size();
        symbols.add(merged);
        symbolId.put(merged, c);
      }
      merges.add(new String[] {symbols.get(a), symbols.get(b)});
      vocab.putIfAbsent(merged, vocab.size());
      Set<Integer> affected = pairWords.remove(pair);
      Set<Long> touched = new HashSet<>();
      for (int w : affected) {
        addPairs(words[w], counts[w], w, pairCount, pairWords, -1, touched);
        words[w] = mergeWord(words[w], a, b, c);
        addPairs(words[w], counts[w], w, pairCount, pairWords, 1, touched);
      }
      pairCount.remove(pair);
      for (long p : touched) {
        Long cnt = pairCount.get(p);
        if (cnt != null && cnt > 0) {
          queue.add(new long[] {cnt, p});
        }
      }
    }
    return new Result(vocab, merges, specialTokens);
  }

  /** The printable character GPT-2 writes for a byte. */
  public static String charOf(int b) {
    return BYTE_TO_CHAR[b & 0xff];
  }

  private static int[] mergeWord(int[] w, int a, int b, int c) {
    int[] out = new int[w.length];
    int n = 0;
    for (int i = 0; i < w.length; i++) {
      if (i + 1 < w.length && w[i] == a && w[i + 1] == b) {
        out[n++] = c;
        i++;
      } else {
        out[n++] = w[i];
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  private static void addPairs(int[] w, long count, int wordIndex, Map<Long, Long> pairCount,
      Map<Long, Set<Integer>> pairWords, int sign) {
    addPairs(w, count, wordIndex, pairCount, pairWords, sign, null);
  }

  private static void addPairs(int[] w, long count, int wordIndex, Map<Long, Long> pairCount,
      Map<Long, Set<Integer>> pairWords, int sign, Set<Long> touched) {
    for (int i = 0; i + 1 < w.length; i++) {
      long p = ((long) w[i] << 32) | (w[i + 1] & 0xffffffffL);
      long updated = pairCount.getOrDefault(p, 0L) + sign * count;
      if (updated <= 0) {
        pairCount.remove(p);
      } else {
        pairCount.put(p, updated);
      }
      if (sign > 0) {
        pairWords.computeIfAbsent(p, k -> new HashSet<>()).add(wordIndex);
      }
      if (touched != null) {
        touched.add(p);
      }
    }
  }

  /** GPT-2's bytes_to_unicode: printable Latin-1 bytes stand for themselves, the rest map to U+0100 onwards. */
  private static String[] byteToChar() {
    String[] out = new String[256];
    int next = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      out[b] = printable ? String.valueOf((char) b) : String.valueOf((char) (256 + next++));
    }
    return out;
  }
}
