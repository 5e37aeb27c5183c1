package io.tlsprobe.report;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.wire.Bytes;
import java.util.Optional;

/**
 * How a connection attempt ended. A failed handshake is an outcome, not an exception, so the rest of the report
 * (what the peer chose before it failed) is still there.
 *
 * <pre>{@code
 * Outcome.established();
 * Outcome.rejectedByPeer(AlertDescription.of(70), "server sent fatal alert protocol_version");
 * Outcome.abortedLocally("server chose TLSv1, which this JVM disables (jdk.tls.disabledAlgorithms)");
 * Outcome.transportError(TransportProblem.TIMEOUT, "no answer within 5 s", Bytes.empty());
 * Outcome.startTlsFailed("server did not advertise STARTTLS; capabilities were: PIPELINING, 8BITMIME", Bytes.empty());
 * }</pre>
 *
 * @param kind which of the five endings
 * @param reason a sentence for people, e.g. {@code "server sent fatal alert handshake_failure (40)"}
 * @param alert the alert the peer sent (for {@link Kind#REJECTED_BY_PEER}) or that we sent, when one crossed the wire
 * @param transportProblem what went wrong below TLS (for {@link Kind#TRANSPORT_ERROR})
 * @param peerBytes the first bytes the peer sent when they were not TLS (at most {@link #MAX_PEER_BYTES}), else empty
 */
public record Outcome(
    Kind kind,
    String reason,
    Optional<AlertDescription> alert,
    Optional<TransportProblem> transportProblem,
    Bytes peerBytes) {

  /** The most non-TLS peer bytes a report keeps. */
  public static final int MAX_PEER_BYTES = 64;

  /** The five endings; {@link #jsonName()} is the JSON {@code outcome} value. */
  public enum Kind {
    /** The handshake completed. */
    ESTABLISHED("established"),
    /** The peer ended the handshake, with an alert or by closing. */
    REJECTED_BY_PEER("rejected_by_peer"),
    /** We ended the handshake: JSSE refused what the peer chose, or a timeout ran out mid-handshake. */
    ABORTED_LOCALLY("aborted_locally"),
    /** No TLS conversation: refused, unreachable, reset, timed out before any TLS, or the peer spoke something else. */
    TRANSPORT_ERROR("transport_error"),
    /**
     * The plain-text phase never reached TLS: the server did not advertise or refused the STARTTLS upgrade, answered
     * something the dialect cannot read, closed, or went silent.
     */
    STARTTLS_FAILED("starttls_failed");

    private final String jsonName;

    Kind(String jsonName) {
      this.jsonName = jsonName;
    }

    /** The JSON name, e.g. {@code rejected_by_peer}. */
    public String jsonName() {
      return jsonName;
    }
  }

  /** What went wrong below TLS. */
  public enum TransportProblem {
    REFUSED,
    UNREACHABLE,
    TIMEOUT,
    RESET,
    CLOSED,
    NOT_TLS,
    OTHER
  }

  public Outcome {
    requireNonNull(kind, "kind");
    requireNonNull(reason, "reason");
    requireNonNull(alert, "alert");
    requireNonNull(transportProblem, "transportProblem");
    requireNonNull(peerBytes, "peerBytes");
    if (peerBytes.length() > MAX_PEER_BYTES) {
      throw new IllegalArgumentException("peerBytes holds more than " + MAX_PEER_BYTES + " bytes");
    }
  }

  public static Outcome established() {
    return new Outcome(Kind.ESTABLISHED, "handshake completed", Optional.empty(), Optional.empty(), Bytes.empty());
  }

  public static Outcome rejectedByPeer(Optional<AlertDescription> alert, String reason) {
    return new Outcome(Kind.REJECTED_BY_PEER, reason, alert, Optional.empty(), Bytes.empty());
  }

  public static Outcome abortedLocally(String reason) {
    return new Outcome(Kind.ABORTED_LOCALLY, reason, Optional.empty(), Optional.empty(), Bytes.empty());
  }

  public static Outcome transportError(TransportProblem problem, String reason, Bytes peerBytes) {
    return new Outcome(Kind.TRANSPORT_ERROR, reason, Optional.empty(), Optional.of(problem), peerBytes);
  }

  /**
   * The plain-text phase did not reach TLS; {@code reason} says why, e.g. {@code "server did not advertise
   * STARTTLS; capabilities were: PIPELINING, SIZE 10240000"}.
   */
  public static Outcome startTlsFailed(String reason, Bytes peerBytes) {
    return new Outcome(Kind.STARTTLS_FAILED, reason, Optional.empty(), Optional.empty(), peerBytes);
  }

  public boolean isEstablished() {
    return kind == Kind.ESTABLISHED;
  }

  /** {@code rejected_by_peer: server sent fatal alert handshake_failure (40)}. */
  @Override
  public String toString() {
    return kind.jsonName() + ": " + reason;
  }
}
