package dev.lode.train.tokenizer;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face chat template (Jinja2, from {@code tokenizer_config.json}), rendered as transformers'
 * {@code apply_chat_template} does: trim_blocks and lstrip_blocks, {@code messages}, {@code add_generation_prompt},
 * the special tokens and {@code raise_exception}. Models without a template get {@link #DEFAULT_SOURCE}, ChatML.
 *
 * <p>Rendering also reports where each assistant reply sits in the text (its content and the end-of-turn token
 * right after it), which is what assistant-only loss needs.
 */
public final class ChatTemplate {
  /** Lode's documented default: ChatML, as Qwen2 and SmolLM use it. */
  public static final String DEFAULT_SOURCE =
      "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
      + "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

  /** End-of-turn markers that belong to an assistant reply when they follow it directly. */
  private static final List<String> END_OF_TURN = List.of("<|im_end|>", "<|eot_id|>", "<|end|>", "</s>",
      "<|endoftext|>", "<end_of_turn>");

  private final String source;
  private final Map<String, Object> specialTokens;
  private final Jinjava jinjava;

  /** A rendered conversation and the [start, end) character spans of its assistant replies. */
  public record Rendered(String text, List<int[]> assistantSpans) {}

  /**
   * The template rendered, but an assistant reply does not appear in its output as written (the template rewrote
   * it), so the reply's tokens cannot be found for the loss.
   */
  public static final class AssistantNotVerbatimException extends IllegalArgumentException {
    AssistantNotVerbatimException(String message) {
      super(message);
    }
  }

  public ChatTemplate(String source, Map<String, String> specialTokens) {
    this.source = source;
    this.specialTokens = new LinkedHashMap<>(specialTokens);
    // Message content is data, never template code: with nested interpretation on, Jinjava would render a
    // "{{ … }}" or "{% … %}" that an expression's value contains, so a training example could run template code
    // (read the context, loop, fail the render). Off, a value is written out verbatim, as Jinja2 itself does.
    JinjavaConfig config = JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true)
        .withFailOnUnknownTokens(false).withNestedInterpretationEnabled(false).build();
    this.jinjava = new Jinjava(config);
    jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
        ChatTemplate.class, "raiseException", String.class));
  }

  public static ChatTemplate chatMl() {
    return new ChatTemplate(DEFAULT_SOURCE, Map.of());
  }

  public String source() {
    return source;
  }

  /** Called by templates that refuse a conversation (e.g. roles not alternating). */
  public static String raiseException(String message) {
    throw new IllegalArgumentException("chat template refused the conversation: " + message);
  }

  /**
   * Renders a conversation. A template that refuses it ({@code raise_exception}) or fails is an
   * {@link IllegalArgumentException}; a reply the output does not hold verbatim an
   * {@link AssistantNotVerbatimException}.
   */
  public Rendered render(List<ChatMessage> messages, boolean addGenerationPrompt) {
    Map<String, Object> context = new HashMap<>(specialTokens);
    List<Map<String, Object>> msgs = new ArrayList<>();
    for (ChatMessage m : messages) {
      msgs.add(Map.of("role", m.role(), "content", m.content()));
    }
    context.put("messages", msgs);
    context.put("add_generation_prompt", addGenerationPrompt);
    RenderResult result;
    try {
      result = jinjava.renderForResult(source, context);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("chat template failed: " + e.getMessage(), e);
    }
    for (TemplateError error : result.getErrors()) {
      if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
        String msg = error.getMessage();
        for (Throwable c = error.getException(); c != null; c = c.getCause()) {
          if (c instanceof IllegalArgumentException iae && iae.getMessage() != null
              && iae.getMessage().startsWith("chat template refused")) {
            throw iae; // the template's own words
          }
        }
        throw new IllegalArgumentException("chat template failed at line " + error.getLineno() + ": " + msg);
      }
    }
    String text = result.getOutput();
    return new Rendered(text, assistantSpans(text, messages));
  }

  private static List<int[]> assistantSpans(String text, List<ChatMessage> messages) {
    List<int[]> spans = new ArrayList<>();
    int cursor = 0;
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage m = messages.get(i);
      String needle = m.content();
      int at = needle.isEmpty() ? -1 : text.indexOf(needle, cursor);
      if (at < 0 && !needle.strip().isEmpty()) {
        needle = needle.strip(); // templates often trim content
        at = text.indexOf(needle, cursor);
      }
      if (at < 0) {
        if (m.isAssistant() && !m.content().isBlank()) {
          throw new AssistantNotVerbatimException("chat template does not reproduce assistant message " + i
              + " verbatim, so its tokens cannot be found for the loss");
        }
        continue;
      }
      int end = at + needle.length();
      if (m.isAssistant()) {
        for (String eot : END_OF_TURN) {
          if (text.startsWith(eot, end)) {
            end += eot.length();
            break;
          }
        }
        spans.add(new int[] {at, end});
      }
      cursor = end;
    }
    return spans;
  }
}
