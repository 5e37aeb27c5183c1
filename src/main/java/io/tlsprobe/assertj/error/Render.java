package io.tlsprobe.assertj.error;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.CipherSuite;
import io.tlsprobe.ExtensionType;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.report.Verification;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The pieces every message shares, rendered the same way everywhere.
 *
 * <pre>{@code
 * Render.connection(report); // "\nConnection: localhost:8443 (direct): established, TLSv1.3, …"
 * Render.duration(Duration.ofHours(50)); // "2 days 2 hours"
 * }</pre>
 */
final class Render {
  /** The line separator messages use, as AssertJ's {@code %n} does. */
  static final String NL = System.lineSeparator();

  /** Indentation of a value under its heading. */
  static final String INDENT = "  ";

  private Render() {}

  /** The closing context line: a line break and {@code Connection: <summary>}, or nothing without a report. */
  static String connection(@Nullable TlsConnectionReport report) {
    return report == null ? "" : NL + "Connection: " + report.summary();
  }

  /** Why a value is missing from a report: its outcome, e.g. {@code rejected_by_peer: server sent …}. */
  static String absence(TlsConnectionReport report) {
    return report.outcome().toString();
  }

  /** {@code handshake_failure (40)}. */
  static String alert(AlertDescription alert) {
    return alert.name() + " (" + alert.code() + ")";
  }

  /** {@code [TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384]}. */
  static String suites(Collection<CipherSuite> suites) {
    return suites.stream().map(CipherSuite::name).collect(Collectors.joining(", ", "[", "]"));
  }

  /** {@code [renegotiation_info, extended_master_secret]}, or {@code no extensions}. */
  static String extensions(TlsConnectionReport report) {
    List<ExtensionType> types = report.serverExtensions();
    return types.isEmpty()
        ? "no extensions"
        : types.stream().map(ExtensionType::name).collect(Collectors.joining(", ", "[", "]"));
  }

  /**
   * The key exchange the report shows: {@code x25519 (ELLIPTIC_CURVE)}, {@code DHE with a 2048-bit prime}, or
   * {@code null} when it shows none.
   */
  static @Nullable String keyExchange(TlsConnectionReport report) {
    if (report.group().isPresent()) {
      NamedGroup group = report.group().get();
      return group.name() + " (" + group.kind() + ")";
    }
    return report.dhPrimeBits().map(bits -> "DHE with a " + bits + "-bit prime (no named group)").orElse(null);
  }

  /** Why no group is known: the suite's key exchange when that explains it, else the outcome. */
  static String absentGroup(TlsConnectionReport report) {
    return report
        .cipherSuite()
        .filter(s -> report.outcome().isEstablished() && !s.keyExchange().contains("DH")
            && !s.keyExchange().equals("any"))
        .map(s -> s.name() + " uses " + s.keyExchange() + " key exchange")
        .orElse(absence(report));
  }

  /** The lines under a verdict: one problem per line, indented; a note when none was recorded. */
  static String problems(Verification verification) {
    if (verification.problems().isEmpty()) {
      return INDENT + "(no problem recorded)";
    }
    return verification.problems().stream().map(p -> INDENT + p).collect(Collectors.joining(NL));
  }

  /** What a verdict was reached against: {@code verification against JDK default trust store for host x found}. */
  static String verdictHeading(Verification verification, String subject) {
    if (verification.trustStore().isEmpty()) {
      return subject + " was not verified";
    }
    return "verification of " + subject + " against " + verification.trustStore()
        + (verification.hostname().isEmpty() ? "" : " for host " + verification.hostname()) + " found";
  }

  /** {@code EC 256 bits (secp256r1)} or {@code RSA 2048 bits}. */
  static String key(CertificateInfo certificate) {
    return certificate.keyType() + " " + certificate.keyBits() + " bits"
        + certificate.curve().map(c -> " (" + c + ")").orElse("");
  }

  /**
   * A duration for people, in its two largest units: {@code 2 days 2 hours}, {@code 3 hours}, {@code 1 minute 5
   * seconds}, {@code 1.250 s}, {@code 812 ms}, {@code 40 µs}.
   */
  static String duration(Duration duration) {
    Duration d = duration.abs();
    if (d.toDays() > 0) {
      return units(d.toDays(), "day", d.toHoursPart(), "hour");
    }
    if (d.toHours() > 0) {
      return units(d.toHours(), "hour", d.toMinutesPart(), "minute");
    }
    if (d.toMinutes() > 0) {
      return units(d.toMinutes(), "minute", d.toSecondsPart(), "second");
    }
    if (d.getSeconds() > 0) {
      return String.format(Locale.ROOT, "%d.%03d s", d.getSeconds(), d.toMillisPart());
    }
    if (d.toMillis() > 0) {
      return d.toMillis() + " ms";
    }
    return d.toNanos() / 1000 + " µs";
  }

  private static String units(long major, String majorUnit, long minor, String minorUnit) {
    String text = plural(major, majorUnit);
    return minor == 0 ? text : text + " " + plural(minor, minorUnit);
  }

  private static String plural(long count, String unit) {
    return count + " " + unit + (count == 1 ? "" : "s");
  }
}
