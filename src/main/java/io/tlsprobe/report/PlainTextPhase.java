package io.tlsprobe.report;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What crossed in clear before a STARTTLS upgrade (and the few lines exchanged over TLS right after it): the
 * greeting, the capabilities the server announced before and after TLS, whether it advertised the upgrade, whether it
 * offered authentication before TLS, and the result of the STARTTLS command-injection check. Every line both ways is
 * in {@link #transcript()}; the probe never sends credentials.
 *
 * <pre>{@code
 * PlainTextPhase phase = report.plainTextPhase().orElseThrow();
 * phase.dialect();                         // "smtp"
 * phase.greeting();                        // Optional[220 mail.test ESMTP Postfix]
 * phase.capabilitiesBefore();              // [PIPELINING, SIZE 10240000, STARTTLS, AUTH PLAIN LOGIN, …]
 * phase.startTlsAdvertised();              // Optional[true]
 * phase.plainTextAuthenticationOffered();  // Optional[true]: AUTH was offered before TLS
 * phase.injection().map(InjectionCheck::verdict);  // Optional[NOT_VULNERABLE]
 * }</pre>
 *
 * <p>Binary dialects (LDAP, PostgreSQL, MySQL) record each message as one line describing it, followed by its bytes
 * in hex.
 *
 * @param dialect the STARTTLS dialect's name, as in {@code starttls:<dialect>} ({@code smtp}, {@code ftp}, …)
 * @param transcript every line both ways, in order, at most {@link #MAX_LINES}
 * @param greeting the server's first message, if it sent one
 * @param capabilitiesBefore the capabilities (EHLO keywords, CAPABILITY atoms, FEAT lines, …) announced in clear
 * @param capabilitiesAfter the capabilities announced again over TLS, empty when not asked or not answered
 * @param startTlsAdvertised whether the server advertised the upgrade; empty where the protocol has no such
 *     announcement (LDAP, PostgreSQL) or it was not asked
 * @param plainTextAuthenticationOffered whether the server offered authentication before TLS; empty when unknown
 * @param authenticationEvidence what showed it, e.g. {@code "AUTH PLAIN LOGIN"} in EHLO, {@code "no LOGINDISABLED"}
 * @param upgraded whether the server agreed to start TLS
 * @param truncated whether the transcript hit {@link #MAX_LINES} and later lines were dropped
 * @param injection the STARTTLS command-injection check (CVE-2011-0411 class), when it was run
 */
public record PlainTextPhase(
    String dialect,
    List<Line> transcript,
    Optional<String> greeting,
    List<String> capabilitiesBefore,
    List<String> capabilitiesAfter,
    Optional<Boolean> startTlsAdvertised,
    Optional<Boolean> plainTextAuthenticationOffered,
    List<String> authenticationEvidence,
    boolean upgraded,
    boolean truncated,
    Optional<InjectionCheck> injection) {

  /** The most transcript lines a phase keeps. */
  public static final int MAX_LINES = 256;
  /** The longest line text a phase keeps; longer lines end with {@code …}. */
  public static final int MAX_LINE_CHARS = 1024;

  public PlainTextPhase {
    requireNonNull(dialect, "dialect");
    transcript = List.copyOf(transcript);
    requireNonNull(greeting, "greeting");
    capabilitiesBefore = List.copyOf(capabilitiesBefore);
    capabilitiesAfter = List.copyOf(capabilitiesAfter);
    requireNonNull(startTlsAdvertised, "startTlsAdvertised");
    requireNonNull(plainTextAuthenticationOffered, "plainTextAuthenticationOffered");
    authenticationEvidence = List.copyOf(authenticationEvidence);
    requireNonNull(injection, "injection");
  }

  /** A builder for {@code dialect}; everything else defaults to empty or false. */
  public static Builder builder(String dialect) {
    return new Builder(dialect);
  }

  /** A builder holding this phase's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The lines that crossed in clear (before TLS). */
  public List<Line> plainTextLines() {
    return transcript.stream().filter(l -> !l.overTls()).toList();
  }

  /** The transcript as {@code C: …} / {@code S: …} lines, one per line, for failure messages. */
  public String transcriptText() {
    StringBuilder sb = new StringBuilder();
    for (Line line : transcript) {
      sb.append(line).append('\n');
    }
    if (truncated) {
      sb.append("… (transcript truncated at ").append(MAX_LINES).append(" lines)\n");
    }
    return sb.toString();
  }

  /**
   * {@code starttls:smtp, upgraded, STARTTLS advertised, authentication offered before TLS (AUTH PLAIN LOGIN),
   * injection NOT_VULNERABLE}.
   */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    parts.add("starttls:" + dialect);
    parts.add(upgraded ? "upgraded" : "not upgraded");
    startTlsAdvertised.ifPresent(a -> parts.add(a ? "STARTTLS advertised" : "STARTTLS not advertised"));
    plainTextAuthenticationOffered.ifPresent(a -> parts.add(a
        ? "authentication offered before TLS" + (authenticationEvidence.isEmpty() ? ""
            : " (" + String.join("; ", authenticationEvidence) + ")")
        : "no authentication before TLS"));
    injection.ifPresent(i -> parts.add("injection " + i.verdict()));
    return String.join(", ", parts);
  }

  /** Who sent a line. */
  public enum Direction {
    /** The probe (or, when capturing, the client under test). */
    CLIENT("C"),
    /** The server. */
    SERVER("S");

    private final String prefix;

    Direction(String prefix) {
      this.prefix = prefix;
    }

    /** {@code C} or {@code S}. */
    public String prefix() {
      return prefix;
    }
  }

  /**
   * One line of the conversation, without its line terminator; non-printable bytes shown as {@code \xNN}.
   *
   * @param direction who sent it
   * @param overTls whether it crossed inside TLS (after the upgrade)
   * @param text the line, at most {@link #MAX_LINE_CHARS} characters
   */
  public record Line(Direction direction, boolean overTls, String text) {
    public Line {
      requireNonNull(direction, "direction");
      requireNonNull(text, "text");
      if (text.length() > MAX_LINE_CHARS) {
        text = text.substring(0, MAX_LINE_CHARS - 1) + "…";
      }
    }

    /** {@code C: EHLO tlsprobe.invalid}, or {@code S (tls): 250 OK} after the upgrade. */
    @Override
    public String toString() {
      return direction.prefix() + (overTls ? " (tls)" : "") + ": " + text;
    }
  }

  /** What the STARTTLS command-injection check found. */
  public enum InjectionVerdict {
    /** The server answered, inside TLS, a command that had been sent in clear with the upgrade command. */
    VULNERABLE,
    /** The server discarded the pipelined command (or answered it in clear, before TLS). */
    NOT_VULNERABLE,
    /** The check could not tell (the upgrade or the handshake failed, or the server did not answer in time). */
    INCONCLUSIVE
  }

  /**
   * The STARTTLS command-injection check (CVE-2011-0411 and its kin): the upgrade command was sent with a harmless
   * plain-text command pipelined in the same packet; a server that answers that command after TLS began would let a
   * man in the middle inject commands into the protected session.
   *
   * @param verdict what was found
   * @param injectedCommand the command pipelined after the upgrade command
   * @param detail a sentence saying what showed it
   * @param transcript the check connection's lines both ways
   */
  public record InjectionCheck(InjectionVerdict verdict, String injectedCommand, String detail, List<Line> transcript) {
    public InjectionCheck {
      requireNonNull(verdict, "verdict");
      requireNonNull(injectedCommand, "injectedCommand");
      requireNonNull(detail, "detail");
      transcript = List.copyOf(transcript);
    }
  }

  /** Builds a {@link PlainTextPhase}; lines past {@link #MAX_LINES} are dropped and mark it truncated. */
  public static final class Builder {
    private final String dialect;
    private final List<Line> transcript = new ArrayList<>();
    private @Nullable String greeting;
    private List<String> capabilitiesBefore = List.of();
    private List<String> capabilitiesAfter = List.of();
    private @Nullable Boolean startTlsAdvertised;
    private @Nullable Boolean plainTextAuthenticationOffered;
    private final List<String> authenticationEvidence = new ArrayList<>();
    private boolean upgraded;
    private boolean truncated;
    private @Nullable InjectionCheck injection;

    private Builder(String dialect) {
      this.dialect = requireNonNull(dialect, "dialect");
    }

    private Builder(PlainTextPhase p) {
      this(p.dialect);
      transcript.addAll(p.transcript);
      greeting = p.greeting.orElse(null);
      capabilitiesBefore = p.capabilitiesBefore;
      capabilitiesAfter = p.capabilitiesAfter;
      startTlsAdvertised = p.startTlsAdvertised.orElse(null);
      plainTextAuthenticationOffered = p.plainTextAuthenticationOffered.orElse(null);
      authenticationEvidence.addAll(p.authenticationEvidence);
      upgraded = p.upgraded;
      truncated = p.truncated;
      injection = p.injection.orElse(null);
    }

    /** Appends a line; past {@link #MAX_LINES} the line is dropped and the phase marked truncated. */
    public Builder line(Direction direction, boolean overTls, String text) {
      if (transcript.size() >= MAX_LINES) {
        truncated = true;
      } else {
        transcript.add(new Line(direction, overTls, text));
      }
      return this;
    }

    /** Default: empty. */
    public Builder greeting(@Nullable String greeting) {
      this.greeting = greeting;
      return this;
    }

    /** Default: none. */
    public Builder capabilitiesBefore(List<String> capabilities) {
      this.capabilitiesBefore = List.copyOf(capabilities);
      return this;
    }

    /** Default: none. */
    public Builder capabilitiesAfter(List<String> capabilities) {
      this.capabilitiesAfter = List.copyOf(capabilities);
      return this;
    }

    /** Default: empty (unknown or not applicable). */
    public Builder startTlsAdvertised(@Nullable Boolean advertised) {
      this.startTlsAdvertised = advertised;
      return this;
    }

    /** Default: empty (unknown). */
    public Builder plainTextAuthenticationOffered(@Nullable Boolean offered) {
      this.plainTextAuthenticationOffered = offered;
      return this;
    }

    /** Adds a piece of evidence for {@link #plainTextAuthenticationOffered(Boolean)}. */
    public Builder authenticationEvidence(String evidence) {
      this.authenticationEvidence.add(requireNonNull(evidence, "evidence"));
      return this;
    }

    /** Default: false. */
    public Builder upgraded(boolean upgraded) {
      this.upgraded = upgraded;
      return this;
    }

    /** Default: empty (not run). */
    public Builder injection(@Nullable InjectionCheck injection) {
      this.injection = injection;
      return this;
    }

    public PlainTextPhase build() {
      return new PlainTextPhase(dialect, transcript, Optional.ofNullable(greeting), capabilitiesBefore,
          capabilitiesAfter, Optional.ofNullable(startTlsAdvertised), Optional.ofNullable(plainTextAuthenticationOffered),
          authenticationEvidence, upgraded, truncated, Optional.ofNullable(injection));
    }
  }
}
