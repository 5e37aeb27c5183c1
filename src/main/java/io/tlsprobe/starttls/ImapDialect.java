package io.tlsprobe.starttls;

import io.tlsprobe.starttls.StartTlsException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * IMAP STARTTLS (RFC 9051 §6.2.1, RFC 2595 §3): greeting {@code * OK} (or {@code * PREAUTH}), the capabilities (from
 * the greeting's {@code [CAPABILITY …]} response code when it has one, RFC 9051 §7.1, else {@code a1 CAPABILITY}), the
 * {@code STARTTLS} atom among them, {@code a2 STARTTLS}, {@code a2 OK}. Plain-text authentication is offered when the
 * capabilities before TLS lack {@code LOGINDISABLED} (the {@code LOGIN} command works) or list {@code AUTH=}
 * mechanisms.
 *
 * <pre>
 * S: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] Dovecot ready.
 * C: a2 STARTTLS
 * S: a2 OK Begin TLS negotiation now.
 * </pre>
 *
 * <p>The injection check pipelines {@code X1 NOOP} after {@code a2 STARTTLS}; inside TLS it sends {@code X2 NOOP} and
 * reads until {@code X2} is answered. IMAP answers are tagged, so the verdict needs no guessing: a response tagged
 * {@code X1} inside TLS means the server executed the command that crossed in clear.
 */
final class ImapDialect implements Dialect {
  static final String INJECTED_TAG = "X1";
  static final String OWN_TAG = "X2";

  /** {@code resp-text-code "CAPABILITY" SP capability-data} inside the greeting's brackets (RFC 9051 §9). */
  private static final Pattern GREETING_CAPABILITIES =
      Pattern.compile("^\\[CAPABILITY ([^\\]]*)\\]", Pattern.CASE_INSENSITIVE);

  @Override
  public void upgrade(Conversation c, @Nullable String inject) throws IOException {
    c.awaiting("the server's greeting");
    String greeting = c.readLine();
    c.phase().greeting(greeting);
    String status = untaggedStatus(c, greeting);
    if (!status.equals("OK") && !status.equals("PREAUTH")) {
      throw c.fail(Reason.REFUSED, "server refused the session in its greeting: " + greeting);
    }
    List<String> capabilities = capabilitiesIn(greeting);
    if (capabilities.isEmpty()) {
      capabilities = capability(c, "a1");
    }
    c.phase().capabilitiesBefore(capabilities);
    boolean advertised = has(capabilities, "STARTTLS");
    c.phase().startTlsAdvertised(advertised);
    boolean loginDisabled = has(capabilities, "LOGINDISABLED");
    List<String> mechanisms = capabilities.stream()
        .filter(a -> a.toUpperCase(Locale.ROOT).startsWith("AUTH=")).toList();
    c.phase().plainTextAuthenticationOffered(!loginDisabled || !mechanisms.isEmpty());
    if (!loginDisabled) {
      c.phase().authenticationEvidence("no LOGINDISABLED before TLS");
    }
    mechanisms.forEach(m -> c.phase().authenticationEvidence(m + " in the capabilities before TLS"));
    if (!advertised) {
      throw c.fail(Reason.NOT_ADVERTISED, "server did not advertise STARTTLS; capabilities were: "
          + (capabilities.isEmpty() ? "none" : String.join(" ", capabilities)));
    }
    c.awaiting("the answer to a2 STARTTLS");
    if (inject == null) {
      c.sendLine("a2 STARTTLS");
    } else {
      c.sendLines("a2 STARTTLS", inject);
    }
    String done = readUntilTagged(c, "a2", null, line -> {});
    if (!statusOf(done, "a2").equals("OK")) {
      throw c.fail(Reason.REFUSED, "server refused STARTTLS: " + done);
    }
    c.phase().upgraded(true);
  }

  @Override
  public void afterTls(Conversation c) throws IOException {
    c.phase().capabilitiesAfter(capability(c, "a3"));
  }

  @Override
  public String injectionCommand() {
    return INJECTED_TAG + " NOOP";
  }

  /** Sends {@code X2 NOOP} inside TLS and reads until it is answered; vulnerable iff {@code X1} was answered too. */
  @Override
  public boolean answeredInjectedCommand(Conversation c) throws IOException {
    c.awaiting("the answer to " + OWN_TAG + " NOOP inside TLS");
    c.sendLine(OWN_TAG + " NOOP");
    boolean[] injectedAnswered = {false};
    readUntilTagged(c, OWN_TAG, line -> injectedAnswered[0] = true, line -> {});
    return injectedAnswered[0];
  }

  /** Sends {@code TAG CAPABILITY} and returns the atoms of every {@code * CAPABILITY} line before the tagged OK. */
  private static List<String> capability(Conversation c, String tag) throws IOException {
    c.awaiting("the answer to " + tag + " CAPABILITY");
    c.sendLine(tag + " CAPABILITY");
    List<String> atoms = new ArrayList<>();
    String done = readUntilTagged(c, tag, null, line -> {
      if (line.regionMatches(true, 0, "* CAPABILITY ", 0, 13)) {
        atoms.addAll(atoms(line.substring(13)));
      }
    });
    if (!statusOf(done, tag).equals("OK")) {
      throw c.fail(Reason.REFUSED, "server rejected " + tag + " CAPABILITY: " + done);
    }
    return atoms;
  }

  /**
   * Reads lines until the one tagged {@code tag} and returns it; untagged lines go to {@code untagged}, a line tagged
   * {@link #INJECTED_TAG} to {@code injected} (when expected). {@code * BYE} ends the session with a refusal, anything
   * else that is not an IMAP response is garbage. {@code +} continuations are not expected before TLS, so garbage too.
   */
  private static String readUntilTagged(Conversation c, String tag, @Nullable LineSink injected,
      LineSink untagged) throws IOException {
    while (true) {
      String line = c.readLine();
      if (line.startsWith("* ")) {
        if (untaggedStatus(c, line).equals("BYE")) {
          throw c.fail(Reason.REFUSED, "server ended the session: " + line);
        }
        untagged.accept(line);
      } else if (line.startsWith(tag + " ")) {
        statusOf(c, line, tag);
        return line;
      } else if (injected != null && line.startsWith(INJECTED_TAG + " ")) {
        injected.accept(line);
      } else {
        throw c.fail(Reason.GARBAGE, "server's answer is not an IMAP response: " + line);
      }
    }
  }

  /** The status word of a tagged line ({@code OK}, {@code NO}, {@code BAD}), or garbage. */
  private static String statusOf(Conversation c, String line, String tag) throws StartTlsException {
    String status = statusOf(line, tag);
    if (!status.equals("OK") && !status.equals("NO") && !status.equals("BAD")) {
      throw c.fail(Reason.GARBAGE, "server's answer is not an IMAP response: " + line);
    }
    return status;
  }

  private static String statusOf(String line, String tag) {
    return firstWord(line.substring(tag.length() + 1));
  }

  /** The word after {@code * }: OK, PREAUTH, BYE, CAPABILITY, …; garbage when the line is no untagged response. */
  private static String untaggedStatus(Conversation c, String line) throws StartTlsException {
    if (!line.startsWith("* ") || line.length() < 3) {
      throw c.fail(Reason.GARBAGE, "server's answer is not an IMAP response: " + line);
    }
    return firstWord(line.substring(2));
  }

  private static String firstWord(String s) {
    int sp = s.indexOf(' ');
    return (sp < 0 ? s : s.substring(0, sp)).toUpperCase(Locale.ROOT);
  }

  /** The atoms of a {@code [CAPABILITY …]} response code in a greeting such as {@code * OK [CAPABILITY …] ready}. */
  private static List<String> capabilitiesIn(String greeting) {
    int sp = greeting.indexOf(' ', 2);
    if (sp < 0) {
      return List.of();
    }
    Matcher m = GREETING_CAPABILITIES.matcher(greeting.substring(sp + 1));
    return m.find() ? atoms(m.group(1)) : List.of();
  }

  private static List<String> atoms(String text) {
    return Arrays.stream(text.trim().split("\\s+")).filter(a -> !a.isEmpty()).toList();
  }

  private static boolean has(List<String> atoms, String atom) {
    return atoms.stream().anyMatch(a -> a.equalsIgnoreCase(atom));
  }

  /** Receives a line while a tagged answer is awaited. */
  @FunctionalInterface
  private interface LineSink {
    void accept(String line);
  }
}
