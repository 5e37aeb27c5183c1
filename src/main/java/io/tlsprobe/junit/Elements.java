package io.tlsprobe.junit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Reads the elements of one declaration ({@code @TlsProbe on class GatewayTlsTest}): placeholders resolved, values
 * checked, and every misuse reported as an {@link ExtensionConfigurationException} that names the declaration, the
 * element and what was found.
 *
 * <pre>{@code
 * Elements elements = new Elements("@TlsProbe on class GatewayTlsTest", placeholders);
 * int port = elements.port("${gateway.port}");
 * // or: @TlsProbe on class GatewayTlsTest: port 'abc' is not a number 1-65535
 * }</pre>
 */
final class Elements {
  private final String declaration;
  private final Placeholders placeholders;

  Elements(String declaration, Placeholders placeholders) {
    this.declaration = requireNonNull(declaration, "declaration");
    this.placeholders = requireNonNull(placeholders, "placeholders");
  }

  String declaration() {
    return declaration;
  }

  Placeholders placeholders() {
    return placeholders;
  }

  /** A misuse of this declaration: {@code "<declaration>: <problem>"}. */
  ExtensionConfigurationException misuse(String problem) {
    return new ExtensionConfigurationException(declaration + ": " + problem);
  }

  /** A misuse of this declaration caused by {@code cause}. */
  ExtensionConfigurationException misuse(String problem, Throwable cause) {
    return new ExtensionConfigurationException(declaration + ": " + problem, cause);
  }

  /**
   * The element's value, else the configuration parameter {@code defaultKey}: placeholders resolved, blank values
   * treated as absent.
   */
  Optional<Value> valueOrDefault(String element, String raw, String defaultKey) {
    if (!raw.isBlank()) {
      return Optional.of(value(element, raw));
    }
    return placeholders.configurationParameter(defaultKey)
        .filter(v -> !v.isBlank())
        .map(v -> value(element + " (configuration parameter " + defaultKey + ")", v));
  }

  /** The element's value with placeholders resolved. */
  Value value(String element, String raw) {
    try {
      return new Value(element, raw, placeholders.resolve(raw));
    } catch (Placeholders.Unresolvable e) {
      throw misuse(element + " '" + raw + "' uses placeholder " + e.getMessage());
    }
  }

  /** The port the element names, 1–65535. */
  int port(String raw) {
    Value value = value("port", raw);
    try {
      int port = Integer.parseInt(value.text().trim());
      if (port >= 1 && port <= 0xffff) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw misuse(value.found() + " is not a number 1-65535");
  }

  /**
   * One element's value: the element's label for messages, the text as written and as resolved.
   *
   * @param element the element, e.g. {@code port} or {@code timeout (configuration parameter tlsprobe.timeout.default)}
   * @param raw the text as written
   * @param text the text with placeholders resolved
   */
  record Value(String element, String raw, String text) {
    /** {@code port 'abc'}, or {@code port '${p}' (resolved to 'abc')}. */
    String found() {
      return element + " '" + raw + "'" + (raw.equals(text) ? "" : " (resolved to '" + text + "')");
    }
  }
}
