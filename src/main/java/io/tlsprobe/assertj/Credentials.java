package io.tlsprobe.assertj;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.Direction;
import io.tlsprobe.report.PlainTextPhase.Line;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the client lines of a plain-text phase that carry credentials in clear, before TLS, and masks their secrets
 * for failure messages. It knows the commands of the classic protocols:
 *
 * <ul>
 *   <li>{@code USER}, {@code PASS} (FTP, POP3), {@code APOP} (POP3), {@code AUTHINFO} (NNTP, RFC 4643);
 *   <li>{@code AUTH <mechanism>} (SMTP RFC 4954, POP3 RFC 5034), but not FTP's upgrade {@code AUTH TLS}/{@code SSL};
 *   <li>{@code LOGIN} and {@code AUTHENTICATE}, tagged (IMAP) or not (ManageSieve);
 *   <li>SASL responses: the client line after an SMTP {@code 334} or a {@code +} continuation;
 *   <li>XMPP {@code <auth>}/{@code <response>} in the SASL namespace and {@code jabber:iq:auth};
 *   <li>binary messages recorded as {@code description [hex]} whose description names a PostgreSQL password or SASL
 *       message, an LDAP {@code BindRequest} (unless anonymous) or a MySQL {@code HandshakeResponse} (unless the SSL
 *       request).
 * </ul>
 *
 * <pre>{@code
 * Credentials.find(phase);  // [Finding[index=2, masked=C: PASS ***, what=a password]]
 * }</pre>
 */
final class Credentials {
  private static final String MASK = "***";
  private static final Set<String> FTP_UPGRADES = Set.of("TLS", "SSL", "TLS-C", "TLS-P");
  private static final Pattern BINARY = Pattern.compile("^(.*) \\[([0-9a-fA-F]*)\\]$");

  private Credentials() {}

  /**
   * One client line that carries credentials.
   *
   * @param index its position in the transcript
   * @param masked the line with its secret replaced by {@code ***}
   * @param what what it carries, e.g. {@code a password}
   */
  record Finding(int index, Line masked, String what) {
    /** {@code C: PASS *** (a password)}. */
    @Override
    public String toString() {
      return masked + " (" + what + ")";
    }
  }

  /** The client lines before TLS that carry credentials, in order. */
  static List<Finding> find(PlainTextPhase phase) {
    List<Line> lines = phase.transcript();
    List<Finding> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      if (line.direction() != Direction.CLIENT || line.overTls()) {
        continue;
      }
      Finding f = examine(i, line, i > 0 ? lines.get(i - 1) : null);
      if (f != null) {
        found.add(f);
      }
    }
    return found;
  }

  /** Whether the transcript was cut off before TLS began, so clear text may have been dropped unseen. */
  static boolean cutBeforeTls(PlainTextPhase phase) {
    return phase.truncated() && phase.transcript().stream().noneMatch(Line::overTls);
  }

  /** {@code phase} with the lines of {@code findings} replaced by their masked form. */
  static PlainTextPhase masked(PlainTextPhase phase, List<Finding> findings) {
    List<Line> lines = new ArrayList<>(phase.transcript());
    findings.forEach(f -> lines.set(f.index(), f.masked()));
    return new PlainTextPhase(phase.dialect(), lines, phase.greeting(), phase.capabilitiesBefore(),
        phase.capabilitiesAfter(), phase.startTlsAdvertised(), phase.plainTextAuthenticationOffered(),
        phase.authenticationEvidence(), phase.upgraded(), phase.truncated(), phase.injection());
  }

  private static @Nullable Finding examine(int index, Line line, @Nullable Line previous) {
    String text = line.text().strip();
    Matcher binary = BINARY.matcher(text);
    if (binary.matches()) {
      String what = binaryCredential(binary.group(1));
      return what == null ? null
          : finding(index, binary.group(1) + " [" + MASK + " " + binary.group(2).length() / 2 + " bytes]", what);
    }
    if (previous != null && previous.direction() == Direction.SERVER && isSaslChallenge(previous.text())) {
      return finding(index, MASK, "a SASL response");
    }
    if (text.contains("xmpp-sasl") && (text.contains("<auth") || text.contains("<response"))) {
      return finding(index, (text.contains("<auth") ? "<auth " : "<response ") + MASK, "a SASL authentication");
    }
    if (text.contains("jabber:iq:auth")) {
      return finding(index, "<iq … jabber:iq:auth " + MASK, "a legacy XMPP login");
    }
    String[] words = text.split("\\s+");
    String first = upper(words, 0);
    String second = upper(words, 1);
    return switch (first) {
      case "USER" -> finding(index, keep(words, 1), "a user name");
      case "PASS" -> finding(index, keep(words, 1), "a password");
      case "APOP" -> finding(index, keep(words, 1), "a user name and password digest");
      case "AUTHINFO" -> finding(index, keep(words, 2), "NNTP credentials");
      case "AUTH" -> FTP_UPGRADES.contains(second) ? null : finding(index, keep(words, 2), "a SASL authentication");
      default -> tagged(index, words, first, second);
    };
  }

  /** IMAP's tagged commands, and ManageSieve's untagged ones. */
  private static @Nullable Finding tagged(int index, String[] words, String first, String second) {
    int at = first.equals("LOGIN") || first.equals("AUTHENTICATE") ? 0
        : second.equals("LOGIN") || second.equals("AUTHENTICATE") ? 1 : -1;
    if (at < 0) {
      return null;
    }
    return words[at].equalsIgnoreCase("LOGIN")
        ? finding(index, keep(words, at + 1), "a user name and password")
        : finding(index, keep(words, at + 2), "a SASL authentication");
  }

  private static @Nullable String binaryCredential(String description) {
    String d = description.toLowerCase(Locale.ROOT);
    if (d.contains("password")) {
      return "a password message";
    }
    if (d.contains("saslinitialresponse") || d.contains("saslresponse")) {
      return "a SASL response";
    }
    if (d.contains("bindrequest") && !d.contains("anonymous")) {
      return "an LDAP bind";
    }
    if (d.contains("handshakeresponse") && !d.contains("ssl")) {
      return "a user name and password hash";
    }
    return null;
  }

  /** SMTP's {@code 334} (RFC 4954) or a {@code +} continuation (IMAP, POP3 RFC 5034). */
  private static boolean isSaslChallenge(String serverLine) {
    String s = serverLine.strip();
    return s.equals("334") || s.startsWith("334 ") || s.equals("+") || s.startsWith("+ ");
  }

  private static Finding finding(int index, String masked, String what) {
    return new Finding(index, new Line(Direction.CLIENT, false, masked), what);
  }

  /** The first {@code count} words, then {@code ***} if more followed. */
  private static String keep(String[] words, int count) {
    if (words.length <= count) {
      return String.join(" ", words);
    }
    return String.join(" ", List.of(words).subList(0, count)) + " " + MASK;
  }

  private static String upper(String[] words, int i) {
    return i < words.length ? words[i].toUpperCase(Locale.ROOT) : "";
  }
}
