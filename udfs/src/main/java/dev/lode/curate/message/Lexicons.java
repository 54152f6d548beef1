package dev.lode.curate.message;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the word lists kept under {@code dev/lode/curate/} in the udfs jar: lines, comments ({@code #}) dropped. */
final class Lexicons {
  private Lexicons() {}

  static List<String> lines(String name) {
    String resource = "dev/lode/curate/" + name;
    try (InputStream in = Lexicons.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("word list " + resource + " is missing from the udfs jar");
      }
      List<String> out = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          String s = line.strip();
          if (!s.isEmpty() && !s.startsWith("#")) {
            out.add(s);
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
