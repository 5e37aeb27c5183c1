package io.tlsprobe.starttls;

import io.tlsprobe.starttls.StartTlsException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * NNTP {@code STARTTLS} (RFC 4642 §2.2): greeting {@code 200} or {@code 201} (RFC 3977 §5.1), {@code CAPABILITIES}
 * (RFC 3977 §5.2) with the {@code STARTTLS} label, {@code STARTTLS}, {@code 382}. Plain-text authentication is offered
 * when the capabilities before TLS list {@code AUTHINFO} with arguments ({@code USER} or {@code SASL}, RFC 4643 §2.1;
 * a bare {@code AUTHINFO} says authentication exists but is not available yet). Inside TLS: {@code CAPABILITIES}
 * again.
 *
 * <pre>
 * S: 200 news.test InterNetNews NNRP server INN 2.7.1 ready (posting ok)
 * C: CAPABILITIES
 * S: 101 Capability list:
 * S: VERSION 2
 * S: AUTHINFO SASL
 * S: SASL SCRAM-SHA-256 CRAM-MD5
 * S: STARTTLS
 * S: .
 * C: STARTTLS
 * S: 382 Begin TLS negotiation now
 * </pre>
 *
 * <p>A server that does not implement {@code CAPABILITIES} (an RFC 977 server answers {@code 500}) advertises nothing
 * either way: the advertisement stays unknown and {@code STARTTLS} is tried.
 *
 * <p><b>Injection check.</b> {@code DATE} (answered {@code 111 yyyymmddhhmmss}, RFC 3977 §7.1) is pipelined after
 * {@code STARTTLS}; inside TLS the dialect sends {@code CAPABILITIES}, answered {@code 101}. A first response inside
 * TLS that is not {@code 101} is the answer to the injected {@code DATE} when the server had answered
 * {@code CAPABILITIES} before TLS; when it had not, only a {@code 111} counts as the {@code DATE}'s answer.
 */
final class NntpDialect implements Dialect {

  @Override
  public void upgrade(Conversation c, @Nullable String inject) throws IOException {
    c.awaiting("the server's greeting");
    String greeting = status(c);
    c.phase().greeting(greeting);
    if (!greeting.startsWith("200") && !greeting.startsWith("201")) {
      throw c.fail(Reason.REFUSED, "server refused the session in its greeting: " + greeting);
    }
    List<String> capabilities = capabilities(c);
    c.phase().capabilitiesBefore(capabilities);
    if (!capabilities.isEmpty()) {
      boolean advertised = capabilities.stream().anyMatch(l -> label(l).equals("STARTTLS"));
      c.phase().startTlsAdvertised(advertised);
      authenticationBeforeTls(c, capabilities);
      if (!advertised) {
        throw c.fail(Reason.NOT_ADVERTISED, "server did not advertise STARTTLS; capabilities were: "
            + String.join(", ", capabilities));
      }
    }
    c.awaiting("the response to STARTTLS");
    if (inject == null) {
      c.sendLine("STARTTLS");
    } else {
      c.sendLines("STARTTLS", inject);
    }
    String reply = status(c);
    if (!reply.startsWith("382")) {
      throw c.fail(Reason.REFUSED, "server refused STARTTLS: " + reply);
    }
    c.phase().upgraded(true);
  }

  @Override
  public void afterTls(Conversation c) throws IOException {
    c.phase().capabilitiesAfter(capabilities(c));
  }

  @Override
  public String injectionCommand() {
    return "DATE";
  }

  /** Sends {@code CAPABILITIES} inside TLS and tells its {@code 101} from the injected {@code DATE}'s {@code 111}. */
  @Override
  public boolean answeredInjectedCommand(Conversation c) throws IOException {
    boolean capabilitiesBeforeTls = !c.phase().build().capabilitiesBefore().isEmpty();
    c.awaiting("the response to CAPABILITIES inside TLS");
    c.sendLine("CAPABILITIES");
    String first = status(c);
    boolean capabilitiesReply = first.startsWith("101") || !capabilitiesBeforeTls && !first.startsWith("111");
    if (capabilitiesReply) {
      return false;
    }
    status(c);
    return true;
  }

  private static void authenticationBeforeTls(Conversation c, List<String> capabilities) {
    List<String> authinfo = capabilities.stream().filter(l -> label(l).equals("AUTHINFO")).toList();
    boolean offered = authinfo.stream().anyMatch(l -> l.trim().contains(" "));
    c.phase().plainTextAuthenticationOffered(offered);
    for (String line : authinfo) {
      c.phase().authenticationEvidence(line + " in CAPABILITIES before TLS"
          + (line.trim().contains(" ") ? "" : " (no arguments: not available yet, RFC 4643 §2.1)"));
    }
    if (offered) {
      capabilities.stream().filter(l -> label(l).equals("SASL"))
          .forEach(l -> c.phase().authenticationEvidence(l + " in CAPABILITIES before TLS"));
    }
  }

  /*
   * RFC 3977 §3.1 and §5.2.2:
   *   response          = status-line [multi-line-data-block]
   *   status-line       = 3DIGIT SP text CRLF
   *   capabilities      = "101" SP text CRLF *(capability-line CRLF) "." CRLF
   * A data line that begins with "." has another "." prepended (dot-stuffing).
   */
  private static List<String> capabilities(Conversation c) throws IOException {
    c.awaiting("the response to CAPABILITIES");
    c.sendLine("CAPABILITIES");
    String status = status(c);
    if (status.startsWith("400")) {
      throw c.fail(Reason.REFUSED, "server closed the session in its response to CAPABILITIES: " + status);
    }
    if (!status.startsWith("101")) {
      return List.of();
    }
    c.awaiting("the end of the capability list (a line with a single dot)");
    List<String> lines = new ArrayList<>();
    while (true) {
      String line = c.readLine();
      if (line.equals(".")) {
        return Conversation.items(lines);
      }
      lines.add(line.startsWith("..") ? line.substring(1) : line);
    }
  }

  private static String status(Conversation c) throws IOException {
    String line = c.readLine();
    if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
        || !Character.isDigit(line.charAt(2)) || line.length() > 3 && line.charAt(3) != ' ') {
      throw c.fail(Reason.GARBAGE, "server's answer is not an NNTP response: " + line);
    }
    return line;
  }

  private static String label(String capability) {
    String t = capability.trim();
    int sp = t.indexOf(' ');
    return (sp < 0 ? t : t.substring(0, sp)).toUpperCase(Locale.ROOT);
  }
}
