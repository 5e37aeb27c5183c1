package io.tlsprobe.cli;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.policy.TlsPolicy;
import io.tlsprobe.policy.Violation;
import io.tlsprobe.report.PolicyCheck;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A scan's profile ({@code scan --policy}) or a probe's report ({@code probe --policy}) held to a {@link TlsPolicy}:
 * the violations, the rules that could not be decided, the lines the text ends with and the JSON's {@code "policy"}
 * object.
 *
 * <pre>{@code
 * PolicyVerdict v = PolicyVerdict.of(TlsPolicy.MOZILLA_INTERMEDIATE, profile);
 * v.compliant();  // false
 * v.render();     // "Policy Mozilla intermediate 6.0: Mozilla Server Side TLS 6.0, https://…\n  NOT COMPLIANT: 2 violations\n    protocol: …"
 * }</pre>
 */
record PolicyVerdict(TlsPolicy policy, List<Violation> violations, List<String> unchecked) {
  PolicyVerdict {
    requireNonNull(policy, "policy");
    violations = List.copyOf(violations);
    unchecked = List.copyOf(unchecked);
  }

  static PolicyVerdict of(TlsPolicy policy, ServerProfile profile) {
    return new PolicyVerdict(policy, policy.evaluate(profile), policy.unchecked(profile));
  }

  /** What one connection negotiated held to {@code policy}; a report leaves nothing undecided it could check. */
  static PolicyVerdict of(TlsPolicy policy, TlsConnectionReport report) {
    return new PolicyVerdict(policy, policy.evaluate(report), List.of());
  }

  boolean compliant() {
    return violations.isEmpty();
  }

  /** The lines the table ends with: the policy and its source, what was not checked, the verdict, each violation. */
  String render() {
    List<String> lines = new ArrayList<>();
    lines.add("Policy " + policy.name() + ": " + policy.source().document() + " " + policy.source().version() + ", "
        + policy.source().url());
    unchecked.forEach(u -> lines.add("  not checked: " + u));
    if (compliant()) {
      lines.add("  COMPLIANT");
    } else {
      lines.add("  NOT COMPLIANT: " + violations.size() + (violations.size() == 1 ? " violation" : " violations"));
      violations.forEach(v -> lines.add("    " + v));
    }
    return String.join(System.lineSeparator(), lines);
  }

  /** The JSON's {@code "policy"} object. */
  PolicyCheck json() {
    return new PolicyCheck(policy.name(), policy.source().version(), policy.source().document(),
        policy.source().url(),
        violations.stream().map(v -> new PolicyCheck.Breach(v.rule(), v.expected(), v.found())).toList(),
        unchecked);
  }

  /** {@code --policy NAME} by {@link TlsPolicy#named(String)}; an unknown name lists the known ones. */
  static final class Converter implements ITypeConverter<TlsPolicy> {
    @Override
    public TlsPolicy convert(String value) {
      return TlsPolicy.named(value).orElseThrow(() -> new TypeConversionException(
          "unknown policy '" + value + "': use " + String.join(", ", TlsPolicy.names())));
    }
  }
}
