package io.tlsprobe.assertj;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.Direction;
import io.tlsprobe.report.PlainTextPhase.Line;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds what a client sent in clear once it knew it would get no TLS: in a phase that was not upgraded, its lines after
 * its refused upgrade command ({@code STARTTLS}, {@code STLS}, FTP's {@code AUTH TLS}), or all its lines when it never
 * asked (the upgrade was stripped from the capabilities), except what gives nothing away: {@code QUIT}, {@code
 * LOGOUT}, capability queries ({@code EHLO}, {@code HELO}, {@code LHLO}, {@code CAPABILITY}, {@code CAPA}, {@code FEAT})
 * and the upgrade command itself. IMAP commands are tagged: their verb is the second word. Lines carrying credentials
 * are shown masked, as {@link Credentials} masks them.
 *
 * <pre>{@code
 * ClearTextContinuation.find(strippedPop3Phase); // [C: USER *** (a user name), C: PASS *** (a password), C: STAT]
 * ClearTextContinuation.find(gaveUpPhase);       // []: it sent CAPA, then QUIT
 * }</pre>
 *
 * <p>Binary dialects (PostgreSQL, LDAP, MySQL) have no such verbs: every client message after the refusal counts.
 */
final class ClearTextContinuation {
  /** The most lines {@link #find(PlainTextPhase)} returns; the last says how many more there were. */
  static final int MAX_SHOWN = 10;
  private static final Set<String> HOUSEKEEPING =
      Set.of("QUIT", "LOGOUT", "EHLO", "HELO", "LHLO", "CAPABILITY", "CAPA", "FEAT", "STARTTLS", "STLS");
  private static final Set<String> FTP_UPGRADES = Set.of("TLS", "SSL", "TLS-C", "TLS-P");

  private ClearTextContinuation() {}

  /**
   * The client's lines in clear after it learned TLS was unavailable, rendered ({@code C: STAT}, or {@code C: PASS ***
   * (a password)}), at most {@link #MAX_SHOWN}; empty when it sent none, or the phase was upgraded.
   */
  static List<String> find(PlainTextPhase phase) {
    if (phase.upgraded()) {
      return List.of();
    }
    List<Line> lines = phase.transcript();
    Map<Integer, Credentials.Finding> credentials = new HashMap<>();
    Credentials.find(phase).forEach(f -> credentials.put(f.index(), f));
    boolean tagged = phase.dialect().equals("imap");
    int from = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).direction() == Direction.CLIENT && isUpgrade(words(lines.get(i).text()), tagged)) {
        from = i + 1;
      }
    }
    List<String> found = new ArrayList<>();
    for (int i = from; i < lines.size(); i++) {
      Line line = lines.get(i);
      if (line.direction() == Direction.CLIENT && !line.overTls() && !isHousekeeping(words(line.text()), tagged)) {
        Credentials.Finding f = credentials.get(i);
        found.add(f != null ? f.toString() : line.toString());
      }
    }
    if (found.size() <= MAX_SHOWN) {
      return found;
    }
    List<String> shown = new ArrayList<>(found.subList(0, MAX_SHOWN - 1));
    shown.add("… and " + (found.size() - MAX_SHOWN + 1) + " more lines");
    return shown;
  }

  private static boolean isUpgrade(String[] words, boolean tagged) {
    String verb = verb(words, tagged);
    return verb.equals("STARTTLS") || verb.equals("STLS")
        || verb.equals("AUTH") && words.length > 1 && FTP_UPGRADES.contains(words[1].toUpperCase(Locale.ROOT));
  }

  private static boolean isHousekeeping(String[] words, boolean tagged) {
    return HOUSEKEEPING.contains(verb(words, tagged)) || isUpgrade(words, tagged);
  }

  private static String verb(String[] words, boolean tagged) {
    int at = tagged ? 1 : 0;
    return at < words.length ? words[at].toUpperCase(Locale.ROOT) : "";
  }

  private static String[] words(String text) {
    return text.strip().split("\\s+");
  }
}
