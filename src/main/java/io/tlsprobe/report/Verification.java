package io.tlsprobe.report;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The verdict on a peer's certificate chain against the chosen trust store, computed without aborting the handshake
 * so that a report exists even for a bad certificate.
 *
 * <pre>{@code
 * Verification v = report.verification();
 * v.trusted();    // false
 * v.problems();   // [EXPIRED: certificate CN=localhost expired at 2020-01-01T00:00:00Z, …]
 * }</pre>
 *
 * @param trusted whether the chain builds to an anchor of the trust store and no problem was found
 * @param problems every problem found, in chain order; empty when trusted
 * @param trustStore what the chain was checked against, e.g. {@code "JDK default trust store"} or a file name
 * @param hostname the name the leaf was checked for, empty string when no check was made
 */
public record Verification(boolean trusted, List<Problem> problems, String trustStore, String hostname) {

  /** Kinds of certificate problem. */
  public enum Kind {
    NO_CERTIFICATE,
    EXPIRED,
    NOT_YET_VALID,
    SELF_SIGNED,
    UNKNOWN_ISSUER,
    HOSTNAME_MISMATCH,
    WEAK_KEY,
    SHA1_SIGNATURE,
    OTHER
  }

  /**
   * One problem with a sentence for people.
   *
   * @param kind what kind of problem
   * @param detail e.g. {@code "CN=localhost expired at 2020-01-01T00:00:00Z"}
   */
  public record Problem(Kind kind, String detail) {
    public Problem {
      requireNonNull(kind, "kind");
      requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
      return kind + ": " + detail;
    }
  }

  public Verification {
    problems = List.copyOf(problems);
    requireNonNull(trustStore, "trustStore");
    requireNonNull(hostname, "hostname");
    if (trusted && !problems.isEmpty()) {
      throw new IllegalArgumentException("a trusted chain has no problems: " + problems);
    }
  }

  /** No verification was made (no certificate seen). */
  public static Verification notVerified(String why) {
    return new Verification(false, List.of(new Problem(Kind.NO_CERTIFICATE, why)), "", "");
  }

  /** Whether a problem of this kind was found. */
  public boolean has(Kind kind) {
    return problems.stream().anyMatch(p -> p.kind() == kind);
  }
}
