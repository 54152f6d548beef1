package dev.lode.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The configuration sections whose settings a command takes as flags (see {@link ConfigFlags}), e.g.
 * {@code @ConfigSections({"train", "train.lora"})}: {@code --steps} for {@code train.steps}, {@code --lora-r} for
 * {@code train.lora.r}. Only the settings directly in each section become flags, not those of its subsections. An
 * entry may also name one setting, for a command that takes only it: {@code @ConfigSections("train.device")} gives
 * {@code --device} alone.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ConfigSections {
  String[] value();
}
