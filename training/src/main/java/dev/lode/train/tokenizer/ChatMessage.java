package dev.lode.train.tokenizer;

/** One turn of a conversation: role (system, user, assistant, …) and its text. */
public record ChatMessage(String role, String content) {
  public ChatMessage {
    if (role == null || role.isBlank()) {
      throw new IllegalArgumentException("a chat message needs a role");
    }
    if (content == null) {
      throw new IllegalArgumentException("a chat message needs content (role " + role + ")");
    }
  }

  public boolean isAssistant() {
    return role.equals("assistant");
  }
}
