package dev.lode.gold;

import java.util.List;

/**
 * A DPO pair: the prompt of example {@code exampleKey}, its real completion (chosen) and a plausible wrong one
 * (rejected), with how the wrong one was made.
 */
public record PreferencePair(String exampleKey, List<Message> prompt, String chosen, String rejected, String source) {}
