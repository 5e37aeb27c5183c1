package io.tlsprobe.junit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Resolves {@code ${key}} and {@code ${key:default}} in annotation values: from JUnit configuration parameters, then
 * system properties, then environment variables. Text outside placeholders is kept; a string may hold several.
 *
 * <pre>{@code
 * Placeholders.of(context).resolve("${gateway.port:8443}");  // "8443" unless gateway.port is defined
 * }</pre>
 */
final class Placeholders {
  private final Function<String, Optional<String>> configuration;
  private final Function<String, Optional<String>> systemProperties;
  private final Function<String, Optional<String>> environment;

  Placeholders(Function<String, Optional<String>> configuration, Function<String, Optional<String>> systemProperties,
      Function<String, Optional<String>> environment) {
    this.configuration = requireNonNull(configuration, "configuration");
    this.systemProperties = requireNonNull(systemProperties, "systemProperties");
    this.environment = requireNonNull(environment, "environment");
  }

  /** Placeholders over {@code context}'s configuration parameters, this JVM's system properties and environment. */
  static Placeholders of(ExtensionContext context) {
    return new Placeholders(context::getConfigurationParameter,
        key -> Optional.ofNullable(System.getProperty(key)),
        key -> Optional.ofNullable(System.getenv(key)));
  }

  /** The configuration parameter {@code key}, as is (placeholders in it are resolved by the caller). */
  Optional<String> configurationParameter(String key) {
    return configuration.apply(key);
  }

  /**
   * {@code raw} with every placeholder replaced.
   *
   * @throws Unresolvable naming the placeholder that no source defines, or that is not closed
   */
  String resolve(String raw) throws Unresolvable {
    int start = raw.indexOf("${");
    if (start < 0) {
      return raw;
    }
    StringBuilder out = new StringBuilder(raw.length());
    int from = 0;
    while (start >= 0) {
      int end = raw.indexOf('}', start + 2);
      if (end < 0) {
        throw new Unresolvable(raw.substring(start), "which is not closed by '}'");
      }
      out.append(raw, from, start).append(lookUp(raw.substring(start, end + 1)));
      from = end + 1;
      start = raw.indexOf("${", from);
    }
    return out.append(raw, from, raw.length()).toString();
  }

  private String lookUp(String placeholder) throws Unresolvable {
    String body = placeholder.substring(2, placeholder.length() - 1);
    int colon = body.indexOf(':');
    String key = (colon < 0 ? body : body.substring(0, colon)).trim();
    if (key.isEmpty()) {
      throw new Unresolvable(placeholder, "which names no key");
    }
    Optional<String> value = configuration.apply(key)
        .or(() -> systemProperties.apply(key))
        .or(() -> environment.apply(key));
    if (value.isPresent()) {
      return value.get();
    }
    if (colon >= 0) {
      return body.substring(colon + 1);
    }
    throw new Unresolvable(placeholder,
        "which no configuration parameter, system property or environment variable defines");
  }

  /** A placeholder that cannot be resolved: the placeholder as written, and why. */
  static final class Unresolvable extends Exception {
    private static final long serialVersionUID = 1L;

    private final String placeholder;

    Unresolvable(String placeholder, String why) {
      super(placeholder + ", " + why);
      this.placeholder = placeholder;
    }

    String placeholder() {
      return placeholder;
    }
  }
}
