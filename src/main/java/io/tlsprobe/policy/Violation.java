package io.tlsprobe.policy;

import static java.util.Objects.requireNonNull;

/**
 * One breach of a {@link TlsPolicy}: which rule, what the policy expects and what was found, as data a CI log or a
 * JSON report can show as it is.
 *
 * <pre>{@code
 * Violation v = new Violation("protocol", "TLS 1.2, TLS 1.3", "TLS 1.0 accepted");
 * System.out.println(v); // protocol: expected TLS 1.2, TLS 1.3 but found TLS 1.0 accepted
 * }</pre>
 *
 * @param rule the rule broken: {@code protocol}, {@code required protocol}, {@code cipher suite}, {@code group},
 *     {@code required group}, {@code DHE prime size}, {@code compression}, a {@link FeatureRule#rule()} such as
 *     {@code secure renegotiation}, {@code certificate key size} or {@code certificate curve}
 * @param expected what the policy allows, e.g. {@code "TLS 1.2, TLS 1.3"}
 * @param found what was observed, e.g. {@code "TLS 1.0 accepted"}
 */
public record Violation(String rule, String expected, String found) {
  public Violation {
    requireNonNull(rule, "rule");
    requireNonNull(expected, "expected");
    requireNonNull(found, "found");
  }

  @Override
  public String toString() {
    return rule + ": expected " + expected + " but found " + found;
  }
}
