package io.tlsprobe.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SMTP (RFC 5321) with STARTTLS (RFC 3207) and AUTH PLAIN/LOGIN (RFC 4954), enough for a mail library to send a
 * mail: EHLO/HELO, STARTTLS, AUTH, MAIL, RCPT, DATA, RSET, NOOP, VRFY, QUIT. Every mail is accepted and discarded;
 * every login succeeds. AUTH is offered in clear too, so a client that logs in before TLS shows it.
 */
final class SmtpFront implements Front {
  /** The most commands one session may send. */
  static final int MAX_COMMANDS = 1000;
  /** The response injected after the go-ahead under {@link StartTlsBehaviour#INJECT_RESPONSE}. */
  static final String INJECTED = "250 injected.tlsprobe.invalid";

  @Override
  public void serve(FrontSession s) throws IOException {
    s.send("220 " + s.serverName() + " ESMTP tlsprobe capture");
    s.phase().greeting("220 " + s.serverName() + " ESMTP tlsprobe capture");
    boolean injectedPending = false;
    int mails = 0;
    for (int i = 0; i < MAX_COMMANDS; i++) {
      String line = s.readLine();
      if (injectedPending) {
        injectedPending = false;
        ResponseInjection.judge(s, INJECTED, line);
      }
      if (line == null) {
        return;
      }
      String verb = verb(line);
      switch (verb) {
        case "EHLO" -> ehlo(s);
        case "HELO" -> s.send("250 " + s.serverName());
        case "STARTTLS" -> {
          if (!startTls(s)) {
            continue;
          }
          if (!s.overTls()) {
            return; // the handshake failed: the report says how
          }
          injectedPending = s.behaviour() == StartTlsBehaviour.INJECT_RESPONSE;
        }
        case "AUTH" -> auth(s, line);
        case "MAIL" -> s.send("250 2.1.0 Ok");
        case "RCPT" -> s.send("250 2.1.5 Ok");
        case "DATA" -> {
          s.send("354 End data with <CR><LF>.<CR><LF>");
          if (!s.readDotTerminated("message body")) {
            return;
          }
          s.send("250 2.0.0 Ok: queued as tlsprobe-" + ++mails);
        }
        case "RSET", "NOOP" -> s.send("250 2.0.0 Ok");
        case "VRFY" -> s.send("252 2.0.0 Cannot VRFY user");
        case "QUIT" -> {
          s.send("221 2.0.0 Bye");
          return;
        }
        default -> s.send("502 5.5.2 Error: command not recognized");
      }
    }
    s.send("421 4.7.0 Too many commands, closing connection");
  }

  private static void ehlo(FrontSession s) throws IOException {
    List<String> capabilities = new ArrayList<>(List.of("PIPELINING", "SIZE 10485760", "8BITMIME"));
    if (!s.overTls() && s.behaviour() != StartTlsBehaviour.NOT_ADVERTISED) {
      capabilities.add("STARTTLS");
    }
    capabilities.add("AUTH PLAIN LOGIN");
    capabilities.add("ENHANCEDSTATUSCODES");
    List<String> lines = new ArrayList<>();
    lines.add("250-" + s.serverName());
    for (int i = 0; i < capabilities.size(); i++) {
      lines.add((i == capabilities.size() - 1 ? "250 " : "250-") + capabilities.get(i));
    }
    s.send(lines.toArray(String[]::new));
    if (s.overTls()) {
      s.phase().capabilitiesAfter(capabilities);
    } else {
      s.phase().capabilitiesBefore(capabilities);
      s.phase().startTlsAdvertised(capabilities.contains("STARTTLS"));
      s.phase().plainTextAuthenticationOffered(true);
      s.phase().authenticationEvidence("AUTH PLAIN LOGIN in EHLO before TLS");
    }
  }

  /** How SMTP answers STARTTLS (RFC 3207). */
  private static final UpgradeAnswers UPGRADE = new UpgradeAnswers("503 5.5.1 Error: TLS already active",
      "502 5.5.2 Error: command not recognized", "454 4.7.0 TLS not available due to temporary reason",
      List.of("220 2.0.0 Ready to start TLS"), List.of(INJECTED),
      "STARTTLS was not advertised (stripped) and the client's STARTTLS was refused as unknown",
      "the client's STARTTLS was refused (454 4.7.0)");

  /** Answers STARTTLS as the behaviour says; true when TLS was started (or attempted). */
  private static boolean startTls(FrontSession s) throws IOException {
    return UPGRADE.answer(s);
  }

  /** AUTH PLAIN [initial-response] or AUTH LOGIN: every login succeeds. */
  private static void auth(FrontSession s, String line) throws IOException {
    String[] words = line.trim().split("\\s+");
    String mechanism = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
    switch (mechanism) {
      case "PLAIN" -> {
        if (words.length < 3) {
          s.send("334 ");
          if (s.readLine() == null) {
            return;
          }
        }
      }
      case "LOGIN" -> {
        if (words.length < 3) {
          s.send("334 VXNlcm5hbWU6");
          if (s.readLine() == null) {
            return;
          }
        }
        s.send("334 UGFzc3dvcmQ6");
        if (s.readLine() == null) {
          return;
        }
      }
      default -> {
        s.send("504 5.5.4 Unrecognized authentication type");
        return;
      }
    }
    s.send("235 2.7.0 Authentication successful");
  }

  private static String verb(String line) {
    String t = line.trim();
    int space = t.indexOf(' ');
    return (space < 0 ? t : t.substring(0, space)).toUpperCase(Locale.ROOT);
  }
}
