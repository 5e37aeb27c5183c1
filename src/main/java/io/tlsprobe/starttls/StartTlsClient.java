package io.tlsprobe.starttls;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.Direction;
import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The client side of one STARTTLS upgrade over any byte channel: {@link #upgrade} performs the dialect's plain-text
 * exchange up to the server's go-ahead, the caller then runs the TLS handshake on the same connection, and
 * {@link #afterTls} asks for the capabilities again inside TLS. Every line both ways is recorded in {@link #phase()};
 * credentials are never sent. One instance serves one connection.
 *
 * <pre>{@code
 * StartTlsClient smtp = StartTlsClient.of(StartTls.SMTP, "mail.test");
 * smtp.upgrade(plainChannel);          // throws StartTlsException when the server refuses
 * // … TLS handshake on the same socket …
 * smtp.afterTls(tlsChannel);           // EHLO again, inside TLS
 * PlainTextPhase phase = smtp.phase(); // greeting, capabilities before and after, transcript
 * }</pre>
 *
 * <p>The STARTTLS command-injection check uses its own connection: {@link #injectionCheck(StartTls, String)} pipelines
 * a harmless command after the upgrade command in the same packet, and {@link #afterTls} then tells whether the server
 * answered that command inside TLS ({@link #injectionResult(String)}).
 */
public final class StartTlsClient {
  private final StartTls dialectName;
  private final Dialect dialect;
  private final String host;
  private final @Nullable String inject;
  private final PlainTextPhase.Builder phase;
  private @Nullable InjectionCheck injection;

  private StartTlsClient(StartTls dialectName, String host, boolean injecting) {
    this.dialectName = requireNonNull(dialectName, "dialect");
    this.dialect = Dialects.of(dialectName);
    this.host = requireNonNull(host, "host");
    this.inject = injecting ? dialect.injectionCommand() : null;
    if (injecting && inject == null) {
      throw new IllegalArgumentException("the " + dialectName.cliName() + " dialect has no injection check");
    }
    this.phase = PlainTextPhase.builder(dialectName.cliName());
  }

  /**
   * A client for one upgrade.
   *
   * @param dialect the protocol; not {@link StartTls#NONE}
   * @param host the server's name as the user gave it (used where the protocol names the server, e.g. XMPP's
   *     {@code to})
   * @throws IllegalArgumentException for {@link StartTls#NONE}
   */
  public static StartTlsClient of(StartTls dialect, String host) {
    return new StartTlsClient(dialect, host, false);
  }

  /**
   * A client for the injection check's connection.
   *
   * @throws IllegalArgumentException when the dialect has no line commands to inject (see
   *     {@link #supportsInjectionCheck(StartTls)})
   */
  public static StartTlsClient injectionCheck(StartTls dialect, String host) {
    return new StartTlsClient(dialect, host, true);
  }

  /** Whether {@code dialect} has an injection check (text protocols with commands: SMTP, IMAP, POP3, FTP, …). */
  public static boolean supportsInjectionCheck(StartTls dialect) {
    return dialect.isUpgrade() && Dialects.of(dialect).injectionCommand() != null;
  }

  /** The dialect. */
  public StartTls dialect() {
    return dialectName;
  }

  /**
   * The plain-text exchange up to the server's go-ahead. Bytes the server sent after its go-ahead and before TLS are
   * recorded and dropped (they are not TLS).
   *
   * @throws StartTlsException when the server does not advertise or refuses the upgrade, answers garbage, closes or
   *     goes silent; its message says which, quoting the server
   */
  public void upgrade(PlainTextChannel plain) throws StartTlsException {
    Conversation c = new Conversation(plain, phase, host, false);
    try {
      dialect.upgrade(c, inject);
    } catch (StartTlsException e) {
      throw e;
    } catch (IOException e) {
      throw new StartTlsException(StartTlsException.Reason.TRANSPORT, String.valueOf(e.getMessage()), phase.build(), e);
    }
    if (c.buffered() > 0) {
      byte[] extra = c.drainBuffered();
      phase.line(Direction.SERVER, false, "(" + extra.length + " more bytes in clear after the go-ahead, dropped: "
          + Conversation.printable(extra) + ")");
      if (inject != null) {
        injection = new InjectionCheck(InjectionVerdict.NOT_VULNERABLE, inject, "after its go-ahead the server sent,"
            + " in clear, " + Conversation.printable(extra) + ": it did not keep the pipelined " + inject
            + " for the TLS session", phase.build().transcript());
      }
    }
  }

  /**
   * Inside TLS, right after the handshake: asks for the capabilities again (or, on an injection-check client, tells
   * whether the pipelined command was answered inside TLS). Never throws: a failure is recorded in the transcript.
   */
  public void afterTls(PlainTextChannel tls) {
    Conversation c = new Conversation(tls, phase, host, true);
    if (inject == null) {
      try {
        dialect.afterTls(c);
      } catch (IOException e) {
        phase.line(Direction.SERVER, true, "(no capabilities after TLS: " + e.getMessage() + ")");
      }
      return;
    }
    if (injection != null) {
      return;
    }
    try {
      boolean answered = dialect.answeredInjectedCommand(c);
      injection = new InjectionCheck(answered ? InjectionVerdict.VULNERABLE : InjectionVerdict.NOT_VULNERABLE, inject,
          answered
              ? "the server answered " + inject + ", sent in clear with the upgrade command, inside TLS"
              : "the server discarded " + inject + ", sent in clear with the upgrade command: its first answer"
                  + " inside TLS was to our own command",
          phase.build().transcript());
    } catch (IOException e) {
      injection = inconclusive("no answer inside TLS: " + e.getMessage());
    }
  }

  /**
   * Whether this dialect learns about plain-text login on a connection of its own ({@link #checkAuthentication}):
   * FTP, where only the answer to {@code USER} tells.
   */
  public boolean checksAuthenticationSeparately() {
    return inject == null && dialect.checksAuthenticationSeparately();
  }

  /**
   * On a new plain connection: asks whether the server would take a login in clear (FTP: {@code USER tlsprobe}, then
   * {@code QUIT}; never a password) and records the answer as {@link PlainTextPhase#plainTextAuthenticationOffered()}
   * with its evidence. Never throws: when the check cannot tell, the answer stays unknown and the evidence says why.
   */
  public void checkAuthentication(PlainTextChannel plain) {
    if (!checksAuthenticationSeparately()) {
      throw new IllegalStateException("the " + dialectName.cliName() + " dialect has no separate authentication check");
    }
    PlainTextPhase.Builder side = PlainTextPhase.builder(dialectName.cliName());
    try {
      dialect.checkAuthentication(new Conversation(plain, side, host, false));
      PlainTextPhase found = side.build();
      phase.plainTextAuthenticationOffered(found.plainTextAuthenticationOffered().orElse(null));
      found.authenticationEvidence().forEach(phase::authenticationEvidence);
    } catch (IOException e) {
      phase.authenticationEvidence("the separate login check could not tell: " + e.getMessage());
    }
  }

  /** The conversation so far. */
  public PlainTextPhase phase() {
    return phase.build();
  }

  /**
   * The injection check's verdict; {@link InjectionVerdict#INCONCLUSIVE} with {@code whyNoTls} when TLS never
   * started or {@link #afterTls} was not reached.
   *
   * @throws IllegalStateException on a client not made by {@link #injectionCheck(StartTls, String)}
   */
  public InjectionCheck injectionResult(String whyNoTls) {
    if (inject == null) {
      throw new IllegalStateException("not an injection-check client: use StartTlsClient.injectionCheck");
    }
    return injection != null ? injection : inconclusive(whyNoTls);
  }

  private InjectionCheck inconclusive(String detail) {
    return new InjectionCheck(InjectionVerdict.INCONCLUSIVE, requireNonNull(inject), detail, phase.build().transcript());
  }

  @Override
  public String toString() {
    return "StartTlsClient[" + dialectName.connectionName() + " " + host + (inject != null ? ", injection check" : "")
        + "]";
  }
}
