package dev.lode.gold;

/** One chat message: {@code system}, {@code user} or {@code assistant}, and its text. */
public record Message(String role, String content) {
  public static Message system(String content) {
    return new Message("system", content);
  }

  public static Message user(String content) {
    return new Message("user", content);
  }
}
