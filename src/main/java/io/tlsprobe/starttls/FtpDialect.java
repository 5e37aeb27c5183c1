package io.tlsprobe.starttls;

import io.tlsprobe.starttls.StartTlsException.Reason;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * FTP {@code AUTH TLS} (RFC 4217 §4): greeting {@code 220}, {@code FEAT} (RFC 2389) with an {@code AUTH} feature that
 * names TLS, {@code AUTH TLS}, {@code 234}. Inside TLS: {@code PBSZ 0} and {@code PROT P} (RFC 4217 §8–9), then
 * {@code FEAT} again.
 *
 * <pre>
 * S: 220 (vsFTPd 3.0.3)
 * C: FEAT
 * S: 211-Features:
 * S:  AUTH TLS
 * S:  PBSZ
 * S:  PROT
 * S: 211 End
 * C: AUTH TLS
 * S: 234 Proceed with negotiation.
 * </pre>
 *
 * <p><b>Plain-text login is checked on a connection of its own.</b> FTP has no capability that says "log in here in
 * clear"; only the answer to {@code USER} tells, and asking on the upgrade connection is not safe: vsftpd with
 * {@code force_local_logins_ssl=YES} answers {@code USER tlsprobe} with {@code 530 Non-anonymous sessions must use
 * encryption.} and closes the session, so an {@code AUTH TLS} after it never gets an answer (RFC 2228 §3 lets
 * {@code AUTH} come after {@code USER}; it is the refusal that ends the session). So the upgrade connection sends no
 * {@code USER}, and {@link #checkAuthentication} asks on a second connection: greeting, {@code USER tlsprobe} (a
 * name, never a password), {@code QUIT}. {@code 331}/{@code 332} (password or account wanted) or {@code 230} mean a
 * login in clear is accepted; a {@code 4xx}/{@code 5xx} means it is not.
 *
 * <p><b>Not advertised.</b> A server that answers {@code FEAT} without an {@code AUTH} feature naming TLS (or SSL,
 * see below) is reported
 * as not advertising the upgrade. A server that does not implement {@code FEAT} ({@code 500}/{@code 502}) advertises
 * nothing either way: the advertisement stays unknown and {@code AUTH TLS} is tried.
 *
 * <p><b>{@code AUTH SSL}.</b> When {@code AUTH TLS} is answered {@code 504} (mechanism not implemented, RFC 2228 §3)
 * the dialect tries {@code AUTH SSL}, the name of the pre-RFC 4217 drafts that old servers still know (curl does the
 * same); {@code 234} or the drafts' {@code 334} mean go ahead. Any other refusal is final.
 *
 * <p><b>Injection check.</b> {@code NOOP} (answered {@code 200}) is pipelined after {@code AUTH TLS}; inside TLS the
 * dialect sends {@code FEAT}, whose answer is a multi-line {@code 211}. A first reply inside TLS that is not
 * {@code 211} is the answer to the injected {@code NOOP} when the server had answered {@code FEAT} before TLS; when it
 * had not, only a {@code 200} counts as the {@code NOOP}'s answer.
 */
final class FtpDialect implements Dialect {
  /** The user name of the separate login check: a name only, never followed by a password. */
  static final String LOGIN_PROBE_NAME = "tlsprobe";

  @Override
  public void upgrade(Conversation c, @Nullable String inject) throws IOException {
    c.awaiting("the server's greeting");
    FtpReply greeting = FtpReply.read(c);
    if (greeting.code() == 120) { // RFC 959 §5.4: "service ready in nnn minutes", then 220
      greeting = FtpReply.read(c);
    }
    c.phase().greeting(greeting.text());
    if (greeting.code() != 220) {
      throw c.fail(Reason.REFUSED, "server refused the session in its greeting: " + greeting.text());
    }
    List<String> features = features(c);
    c.phase().capabilitiesBefore(features);
    if (!features.isEmpty()) {
      boolean advertised = features.stream().anyMatch(FtpDialect::namesAuthTls);
      c.phase().startTlsAdvertised(advertised);
      if (!advertised) {
        throw c.fail(Reason.NOT_ADVERTISED, "server did not advertise AUTH TLS; features were: "
            + String.join(", ", features));
      }
    }
    FtpReply reply = auth(c, "TLS", inject);
    if (reply.code() == 504) {
      if (inject != null) {
        c.awaiting("the reply to the pipelined " + inject + " after AUTH TLS was refused");
        FtpReply.read(c);
      }
      FtpReply ssl = auth(c, "SSL", inject);
      if (ssl.code() != 234 && ssl.code() != 334) {
        throw c.fail(Reason.REFUSED, "server refused AUTH TLS (" + reply.text() + ") and AUTH SSL: " + ssl.text());
      }
    } else if (reply.code() != 234) {
      throw c.fail(Reason.REFUSED, "server refused AUTH TLS: " + reply.text());
    }
    c.phase().upgraded(true);
  }

  /** {@code PBSZ 0} and {@code PROT P} (recorded, a refusal is not fatal), then {@code FEAT} as the capabilities. */
  @Override
  public void afterTls(Conversation c) throws IOException {
    c.awaiting("the reply to PBSZ 0 inside TLS");
    c.sendLine("PBSZ 0");
    if (FtpReply.read(c).positive()) {
      c.awaiting("the reply to PROT P inside TLS");
      c.sendLine("PROT P");
      FtpReply.read(c);
    }
    c.phase().capabilitiesAfter(features(c));
  }

  @Override
  public String injectionCommand() {
    return "NOOP";
  }

  @Override
  public boolean checksAuthenticationSeparately() {
    return true;
  }

  /** Greeting, {@code USER tlsprobe}, {@code QUIT}: whether the server takes a login before {@code AUTH TLS}. */
  @Override
  public void checkAuthentication(Conversation c) throws IOException {
    c.awaiting("the server's greeting");
    FtpReply greeting = FtpReply.read(c);
    if (greeting.code() == 120) {
      greeting = FtpReply.read(c);
    }
    if (greeting.code() != 220) {
      throw c.fail(Reason.REFUSED, "server refused the session in its greeting: " + greeting.text());
    }
    c.awaiting("the reply to USER");
    c.sendLine("USER " + LOGIN_PROBE_NAME);
    FtpReply reply = FtpReply.read(c);
    boolean accepted = reply.code() == 331 || reply.code() == 332 || reply.code() == 230;
    c.phase().plainTextAuthenticationOffered(accepted);
    c.phase().authenticationEvidence((accepted ? "USER accepted in clear before AUTH TLS: " : "USER refused in clear: ")
        + reply.text());
    try {
      c.awaiting("the reply to QUIT");
      c.sendLine("QUIT");
      FtpReply.read(c);
    } catch (IOException ignored) {
      // the answer to USER is all the check needs; a server that already closed is fine
    }
  }

  /** Sends {@code FEAT} inside TLS and tells its {@code 211} from the injected {@code NOOP}'s {@code 200}. */
  @Override
  public boolean answeredInjectedCommand(Conversation c) throws IOException {
    boolean featBeforeTls = !c.phase().build().capabilitiesBefore().isEmpty();
    c.awaiting("the reply to FEAT inside TLS");
    c.sendLine("FEAT");
    FtpReply first = FtpReply.read(c);
    boolean featReply = first.code() == 211 || !featBeforeTls && first.code() != 200;
    if (featReply) {
      return false;
    }
    FtpReply.read(c);
    return true;
  }

  /** FEAT's features; empty when the server does not implement FEAT. */
  private static List<String> features(Conversation c) throws IOException {
    c.awaiting("the reply to FEAT");
    c.sendLine("FEAT");
    FtpReply reply = FtpReply.read(c);
    if (reply.code() == 421) {
      throw c.fail(Reason.REFUSED, "server closed the session in its reply to FEAT: " + reply.text());
    }
    return reply.code() == 211 ? reply.inner() : List.of();
  }

  /**
   * {@code AUTH TLS}, {@code AUTH TLS;SSL}, {@code AUTH SSL TLS}, {@code AUTH TLS-C}, or an old server's
   * {@code AUTH SSL}: an AUTH feature whose arguments name TLS or SSL.
   */
  private static boolean namesAuthTls(String feature) {
    String f = feature.toUpperCase(Locale.ROOT);
    return f.startsWith("AUTH ") && (f.contains("TLS") || f.contains("SSL"));
  }

  private static FtpReply auth(Conversation c, String mechanism, @Nullable String inject) throws IOException {
    String command = "AUTH " + mechanism;
    c.awaiting("the reply to " + command);
    if (inject == null) {
      c.sendLine(command);
    } else {
      c.sendLines(command, inject);
    }
    return FtpReply.read(c);
  }
}
