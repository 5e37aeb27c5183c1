package io.tlsprobe.starttls;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.report.PlainTextPhase;
import java.io.IOException;

/**
 * The plain-text phase did not reach TLS: the server did not advertise the upgrade, refused it, answered something the
 * dialect cannot read, closed, sent too much, or went silent. {@link #getMessage()} is a sentence for people that
 * quotes what the server said, e.g. {@code "server did not advertise STARTTLS; capabilities were: PIPELINING,
 * SIZE 10240000"}; {@link #phase()} holds the conversation up to the failure.
 *
 * <pre>{@code
 * try {
 *   smtp.upgrade(channel);
 * } catch (StartTlsException e) {
 *   e.getMessage();               // server refused STARTTLS: 454 4.7.0 TLS not available due to local problem
 *   e.phase().transcriptText();   // S: 220 …  C: EHLO …  S: 250-…  C: STARTTLS  S: 454 …
 * }
 * }</pre>
 */
public final class StartTlsException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why the phase failed, for callers that treat causes differently. */
  public enum Reason {
    /** The server did not advertise the upgrade. */
    NOT_ADVERTISED,
    /** The server answered the upgrade command with a refusal. */
    REFUSED,
    /** The server sent something the dialect cannot read (not the protocol, or malformed). */
    GARBAGE,
    /** The server sent more lines or bytes than the dialect's limits allow. */
    TOO_MUCH,
    /** The server closed the connection. */
    CLOSED,
    /** A deadline passed while waiting for the server. */
    TIMEOUT,
    /** The connection failed (reset, broken pipe). */
    TRANSPORT
  }

  private final Reason reason;
  private final transient PlainTextPhase phase;

  public StartTlsException(Reason reason, String message, PlainTextPhase phase, IOException cause) {
    super(message, cause);
    this.reason = requireNonNull(reason, "reason");
    this.phase = requireNonNull(phase, "phase");
  }

  public StartTlsException(Reason reason, String message, PlainTextPhase phase) {
    super(message);
    this.reason = requireNonNull(reason, "reason");
    this.phase = requireNonNull(phase, "phase");
  }

  /** Why the phase failed. */
  public Reason reason() {
    return reason;
  }

  /** The conversation up to the failure; {@link PlainTextPhase#upgraded()} is false. */
  public PlainTextPhase phase() {
    return phase;
  }
}
