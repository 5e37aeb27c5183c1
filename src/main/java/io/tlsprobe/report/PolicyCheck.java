package io.tlsprobe.report;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The verdict of holding a scan or a connection to a policy, as the JSON's {@code "policy"} object shows it ({@link
 * ScanJson}, {@link ReportJson}): {@code name}, {@code version}, {@code source} (the document), {@code url}, {@code
 * compliant}, {@code violations} (each {@code rule}, {@code expected}, {@code found}) and {@code not_checked} (the
 * rules that could not be decided). The report model knows no policy type, so the caller fills it in from {@code
 * io.tlsprobe.policy}.
 *
 * <pre>{@code
 * new PolicyCheck("Mozilla intermediate 6.0", "6.0", "Mozilla Server Side TLS",
 *     "https://ssl-config.mozilla.org/guidelines/6.0.json",
 *     List.of(new PolicyCheck.Breach("protocol", "TLS 1.2, TLS 1.3", "TLS 1.0 accepted")), List.of());
 * }</pre>
 *
 * @param name the policy's name
 * @param version the version of its source document
 * @param source the source document's title
 * @param url where the document can be read
 * @param violations every rule broken, in the policy's order; empty when compliant
 * @param notChecked the rules that could not be decided, each with the reason
 */
public record PolicyCheck(String name, String version, String source, String url, List<Breach> violations,
    List<String> notChecked) {
  /**
   * One broken rule.
   *
   * @param rule the rule, e.g. {@code protocol}
   * @param expected what the policy allows
   * @param found what the scan found
   */
  public record Breach(String rule, String expected, String found) {
    public Breach {
      requireNonNull(rule, "rule");
      requireNonNull(expected, "expected");
      requireNonNull(found, "found");
    }
  }

  public PolicyCheck {
    requireNonNull(name, "name");
    requireNonNull(version, "version");
    requireNonNull(source, "source");
    requireNonNull(url, "url");
    violations = List.copyOf(violations);
    notChecked = List.copyOf(notChecked);
  }

  /** Whether no rule is broken. */
  public boolean compliant() {
    return violations.isEmpty();
  }
}
