package io.tlsprobe.starttls;

import io.tlsprobe.starttls.StartTlsException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * POP3 STLS (RFC 2595 §4) with capabilities from {@code CAPA} (RFC 2449 §5): greeting {@code +OK}, {@code CAPA}, the
 * {@code STLS} tag in the list, {@code STLS}, {@code +OK}. Authentication is offered before TLS when the list has
 * {@code USER} (RFC 2449 §6.8) or {@code SASL} with at least one mechanism (§6.3).
 *
 * <pre>
 * S: +OK Dovecot ready.
 * C: CAPA
 * S: +OK
 * S: TOP
 * S: STLS
 * S: SASL
 * S: .
 * C: STLS
 * S: +OK Begin TLS negotiation now.
 * </pre>
 *
 * <p>The injection check pipelines {@code NOOP} after {@code STLS}. POP3 answers carry no tag, so the check relies on
 * answers of different shapes: inside TLS it sends {@code CAPA}, whose answer is {@code +OK} followed by a list ending
 * in {@code .}, while any answer to the injected {@code NOOP} (not a command of the AUTHORIZATION state, so
 * {@code -ERR} from most servers, {@code +OK} from lenient ones) is one status line. The first line inside TLS decides:
 * {@code -ERR} is the injected command's answer; {@code +OK} followed by another status line ({@code +OK} or
 * {@code -ERR}, which no capability name starts with) is too; {@code +OK} followed by a capability line is
 * {@code CAPA}'s own answer, so the injected command was discarded. Commands are answered in order, so an answer to
 * the injected command always comes first.
 */
final class Pop3Dialect implements Dialect {
  /** The most lines a {@code CAPA} list may have. */
  static final int MAX_CAPABILITIES = 200;

  @Override
  public void upgrade(Conversation c, @Nullable String inject) throws IOException {
    c.awaiting("the server's greeting");
    String greeting = status(c, c.readLine());
    c.phase().greeting(greeting);
    if (!isOk(greeting)) {
      throw c.fail(Reason.REFUSED, "server refused the session in its greeting: " + greeting);
    }
    c.phase().startTlsAdvertised(false); // until CAPA lists STLS
    List<String> capabilities = capa(c);
    c.phase().capabilitiesBefore(capabilities);
    boolean advertised = capabilities.stream().anyMatch(k -> keyword(k).equals("STLS"));
    c.phase().startTlsAdvertised(advertised);
    List<String> auth = capabilities.stream()
        .filter(k -> keyword(k).equals("USER") || keyword(k).equals("SASL") && k.trim().contains(" ")).toList();
    c.phase().plainTextAuthenticationOffered(!auth.isEmpty());
    auth.forEach(a -> c.phase().authenticationEvidence(a + " in the CAPA list before TLS"));
    if (!advertised) {
      throw c.fail(Reason.NOT_ADVERTISED, "server did not advertise STARTTLS (STLS); capabilities were: "
          + (capabilities.isEmpty() ? "none" : String.join(", ", capabilities)));
    }
    c.awaiting("the answer to STLS");
    if (inject == null) {
      c.sendLine("STLS");
    } else {
      c.sendLines("STLS", inject);
    }
    String reply = status(c, c.readLine());
    if (!isOk(reply)) {
      throw c.fail(Reason.REFUSED, "server refused STARTTLS (STLS): " + reply);
    }
    c.phase().upgraded(true);
  }

  @Override
  public void afterTls(Conversation c) throws IOException {
    c.phase().capabilitiesAfter(capa(c));
  }

  @Override
  public String injectionCommand() {
    return "NOOP";
  }

  /** Sends {@code CAPA} inside TLS and tells its multi-line answer from a one-line answer to the injected command. */
  @Override
  public boolean answeredInjectedCommand(Conversation c) throws IOException {
    c.awaiting("the answer to CAPA inside TLS");
    c.sendLine("CAPA");
    String first = status(c, c.readLine());
    if (!isOk(first)) {
      return true;
    }
    String second = c.readLine();
    String upper = second.toUpperCase(Locale.ROOT);
    return upper.startsWith("+OK") || upper.startsWith("-ERR");
  }

  /** {@code CAPA}: {@code +OK}, one capability per line, {@code .}; dot-stuffed lines lose their first dot. */
  private static List<String> capa(Conversation c) throws IOException {
    c.awaiting("the answer to CAPA");
    c.sendLine("CAPA");
    String reply = status(c, c.readLine());
    if (!isOk(reply)) {
      throw c.fail(Reason.NOT_ADVERTISED,
          "server did not advertise STARTTLS (STLS): it has no capability list (RFC 2449), CAPA was answered " + reply);
    }
    c.awaiting("the end of the CAPA list");
    List<String> capabilities = new ArrayList<>();
    while (true) {
      String line = c.readLine();
      if (line.equals(".")) {
        return capabilities;
      }
      String item = (line.startsWith(".") ? line.substring(1) : line).trim();
      if (!item.isEmpty()) {
        capabilities.add(item);
      }
      if (capabilities.size() > MAX_CAPABILITIES) {
        throw c.fail(Reason.TOO_MUCH, "server sent a CAPA list of more than " + MAX_CAPABILITIES + " lines");
      }
    }
  }

  /** {@code line} when it is a POP3 status line ({@code +OK …} or {@code -ERR …}, RFC 1939 §3); garbage otherwise. */
  private static String status(Conversation c, String line) throws StartTlsException {
    String upper = line.toUpperCase(Locale.ROOT);
    boolean ok = upper.equals("+OK") || upper.startsWith("+OK ");
    boolean err = upper.equals("-ERR") || upper.startsWith("-ERR ");
    if (!ok && !err) {
      throw c.fail(Reason.GARBAGE, "server's answer is not a POP3 response: " + line);
    }
    return line;
  }

  private static boolean isOk(String status) {
    return status.charAt(0) == '+';
  }

  private static String keyword(String capability) {
    String k = capability.trim();
    int sp = k.indexOf(' ');
    return (sp < 0 ? k : k.substring(0, sp)).toUpperCase(Locale.ROOT);
  }
}
