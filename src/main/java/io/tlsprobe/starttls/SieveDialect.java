package io.tlsprobe.starttls;

import io.tlsprobe.starttls.StartTlsException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * ManageSieve STARTTLS (RFC 5804 §2.2): the server speaks first with its capabilities and {@code OK}, the
 * {@code "STARTTLS"} capability among them, {@code STARTTLS}, {@code OK}; inside TLS the server sends its capabilities
 * again unprompted (RFC 5804 §2.2: it MUST), which become {@code capabilitiesAfter} without a command of ours.
 * Authentication is offered before TLS when the {@code "SASL"} capability lists a mechanism. Capabilities are recorded
 * unquoted as {@code NAME value}: {@code SASL PLAIN LOGIN}, {@code STARTTLS}, {@code VERSION 1.0}.
 *
 * <pre>
 * S: "IMPLEMENTATION" "Dovecot Pigeonhole"
 * S: "SASL" "PLAIN LOGIN"
 * S: "STARTTLS"
 * S: "VERSION" "1.0"
 * S: OK "Dovecot ready."
 * C: STARTTLS
 * S: OK "Begin TLS negotiation now."
 * </pre>
 *
 * <p>The injection check pipelines {@code NOOP} (RFC 5804 §2.11) after {@code STARTTLS}. Its answer is one status line,
 * while capabilities come as a list before their {@code OK}, so the shapes tell them apart: inside TLS the dialect reads
 * the unprompted capabilities, then sends {@code CAPABILITY} (§2.4) and reads its list. A status line without a list,
 * before either list, is the injected command's answer. (A server that executes pipelined commands before re-sending
 * its capabilities also shows up, as its first answer inside TLS is then the one-line {@code NOOP} answer.)
 */
final class SieveDialect implements Dialect {
  /** The most capability lines one response may have. */
  static final int MAX_CAPABILITIES = 200;
  /** A literal string at the end of a line: {@code {12}} or {@code {12+}} (RFC 5804 §4). */
  private static final Pattern LITERAL = Pattern.compile("\\{(\\d{1,6})\\+?}$");

  @Override
  public void upgrade(Conversation c, @Nullable String inject) throws IOException {
    c.awaiting("the server's capabilities (its greeting)");
    Response greeting = Response.read(c);
    c.phase().greeting(greeting.status());
    if (!greeting.ok()) {
      throw c.fail(Reason.REFUSED, "server refused the session in its greeting: " + greeting.status());
    }
    List<String> capabilities = greeting.capabilities();
    c.phase().capabilitiesBefore(capabilities);
    boolean advertised = capabilities.stream().anyMatch(k -> name(k).equals("STARTTLS"));
    c.phase().startTlsAdvertised(advertised);
    List<String> sasl = capabilities.stream().filter(k -> name(k).equals("SASL") && k.contains(" ")).toList();
    c.phase().plainTextAuthenticationOffered(!sasl.isEmpty());
    sasl.forEach(s -> c.phase().authenticationEvidence(s + " in the capabilities before TLS"));
    if (!advertised) {
      throw c.fail(Reason.NOT_ADVERTISED, "server did not advertise STARTTLS; capabilities were: "
          + (capabilities.isEmpty() ? "none" : String.join(", ", capabilities)));
    }
    c.awaiting("the answer to STARTTLS");
    if (inject == null) {
      c.sendLine("STARTTLS");
    } else {
      c.sendLines("STARTTLS", inject);
    }
    Response reply = Response.read(c);
    if (!reply.ok()) {
      throw c.fail(Reason.REFUSED, "server refused STARTTLS: " + reply.status());
    }
    c.phase().upgraded(true);
  }

  /** Reads the capabilities the server re-sends inside TLS by itself; sends nothing. */
  @Override
  public void afterTls(Conversation c) throws IOException {
    c.awaiting("the capabilities the server must re-send inside TLS (RFC 5804 §2.2)");
    Response again = Response.read(c);
    c.phase().capabilitiesAfter(again.capabilities());
  }

  @Override
  public String injectionCommand() {
    return "NOOP";
  }

  @Override
  public boolean answeredInjectedCommand(Conversation c) throws IOException {
    c.awaiting("the capabilities the server must re-send inside TLS (RFC 5804 §2.2)");
    if (Response.read(c).capabilities().isEmpty()) {
      return true;
    }
    c.awaiting("the answer to CAPABILITY inside TLS");
    c.sendLine("CAPABILITY");
    return Response.read(c).capabilities().isEmpty();
  }

  private static String name(String capability) {
    int sp = capability.indexOf(' ');
    return (sp < 0 ? capability : capability.substring(0, sp)).toUpperCase(Locale.ROOT);
  }

  /**
   * One server response (RFC 5804 §4): capability lines, then the status line.
   *
   * <pre>
   * response-capability = *(single-capability) response-oks
   * single-capability   = capability-name [SP string] CRLF
   * response-oks        = "OK" [SP "(" resp-code ")"] [SP string] CRLF
   * response-nobye      = ("NO" / "BYE") [SP "(" resp-code ")"] [SP string] CRLF
   * string              = quoted / literal-s2c     ; literal-s2c = "{" number "}" CRLF *OCTET
   * </pre>
   *
   * @param capabilities the capability lines unquoted as {@code NAME value}
   * @param status the status line ({@code OK "ready"}, {@code NO "…"}, {@code BYE "…"}), literals shown quoted
   */
  record Response(List<String> capabilities, String status) {
    static Response read(Conversation c) throws IOException {
      List<String> capabilities = new ArrayList<>();
      while (true) {
        String line = logicalLine(c);
        String word = line.split("[ (]", 2)[0].toUpperCase(Locale.ROOT);
        if (word.equals("OK") || word.equals("NO") || word.equals("BYE")) {
          return new Response(capabilities, line);
        }
        if (!line.startsWith("\"")) {
          throw c.fail(Reason.GARBAGE, "server's answer is not a ManageSieve response: " + line);
        }
        capabilities.add(capability(c, line));
        if (capabilities.size() > MAX_CAPABILITIES) {
          throw c.fail(Reason.TOO_MUCH, "server sent more than " + MAX_CAPABILITIES + " capabilities");
        }
      }
    }

    boolean ok() {
      return status.regionMatches(true, 0, "OK", 0, 2);
    }

    /** {@code "NAME" "value"} as {@code NAME value}; {@code "NAME"} as {@code NAME}. */
    private static String capability(Conversation c, String line) throws StartTlsException {
      List<String> strings = new ArrayList<>();
      int i = 0;
      while (i < line.length()) {
        if (line.charAt(i) == ' ') {
          i++;
          continue;
        }
        if (line.charAt(i) != '"') {
          throw c.fail(Reason.GARBAGE, "server's answer is not a ManageSieve capability: " + line);
        }
        StringBuilder s = new StringBuilder();
        i++;
        while (i < line.length() && line.charAt(i) != '"') {
          if (line.charAt(i) == '\\' && i + 1 < line.length()) {
            i++;
          }
          s.append(line.charAt(i++));
        }
        if (i >= line.length()) {
          throw c.fail(Reason.GARBAGE, "server sent an unterminated string in a capability: " + line);
        }
        i++;
        strings.add(s.toString());
      }
      if (strings.isEmpty() || strings.size() > 2) {
        throw c.fail(Reason.GARBAGE, "server's answer is not a ManageSieve capability: " + line);
      }
      return strings.size() == 1 || strings.get(1).isEmpty() ? strings.get(0)
          : strings.get(0) + " " + strings.get(1);
    }

    /** A line with any literal at its end ({@code {n}} CRLF n octets) read and put inline as a quoted string. */
    private static String logicalLine(Conversation c) throws IOException {
      StringBuilder line = new StringBuilder(c.readLine());
      for (int literals = 0; ; literals++) {
        Matcher m = LITERAL.matcher(line);
        if (!m.find()) {
          return line.toString();
        }
        if (literals >= 8) {
          throw c.fail(Reason.TOO_MUCH, "server sent more than 8 literals in one line: " + line);
        }
        byte[] literal = c.readExactly(Integer.parseInt(m.group(1)));
        String text = Conversation.printable(literal);
        c.recordServerText("(literal of " + literal.length + " bytes) " + text);
        line.setLength(m.start());
        line.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"')
            .append(c.readLine());
      }
    }
  }
}
