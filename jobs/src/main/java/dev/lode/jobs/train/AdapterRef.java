package dev.lode.jobs.train;

/** {@code NAME} or {@code NAME@VERSION}, as the adapter commands take it; version null for "the name's current". */
public record AdapterRef(String name, Integer version) {
  public AdapterRef {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException("adapter name '" + name + "' must be letters, digits, '.', '_' or '-'");
    }
  }

  /** Parses {@code NAME[@V]}; a bad reference is an {@link IllegalArgumentException} naming it. */
  public static AdapterRef parse(String text) {
    int at = text.lastIndexOf('@');
    if (at < 0) {
      return new AdapterRef(text, null);
    }
    String v = text.substring(at + 1);
    if (!v.matches("[1-9][0-9]{0,8}")) {
      throw new IllegalArgumentException("adapter '" + text + "': the version after '@' must be 1, 2, …");
    }
    return new AdapterRef(text.substring(0, at), Integer.parseInt(v));
  }

  /** The id of version {@code v} of {@code name}, as in ops.adapters.adapter_id. */
  public static String id(String name, int v) {
    return name + "@" + v;
  }

  @Override
  public String toString() {
    return version == null ? name : id(name, version);
  }
}
