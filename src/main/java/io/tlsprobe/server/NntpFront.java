package io.tlsprobe.server;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * NNTP (<a href="https://www.rfc-editor.org/rfc/rfc3977">RFC 3977</a>) with STARTTLS (<a
 * href="https://www.rfc-editor.org/rfc/rfc4642#section-2">RFC 4642 §2</a>) and AUTHINFO USER/PASS (<a
 * href="https://www.rfc-editor.org/rfc/rfc4643#section-2.3">RFC 4643 §2.3</a>), enough for a news library to log in,
 * select the one group and read its one article: CAPABILITIES, STARTTLS, AUTHINFO, MODE READER, GROUP, LISTGROUP,
 * LIST (ACTIVE, NEWSGROUPS), ARTICLE/HEAD/BODY/STAT, OVER/XOVER, NEXT/LAST, POST (accepted and discarded), DATE, HELP,
 * QUIT. Every login succeeds; AUTHINFO USER is offered in clear too, so a client that logs in before TLS shows it.
 *
 * <pre>
 * S: 200 localhost tlsprobe capture NNTP service ready (posting ok)
 * C: CAPABILITIES
 * S: 101 Capability list:
 * S: VERSION 2
 * S: READER
 * S: STARTTLS
 * S: AUTHINFO USER
 * S: .
 * C: STARTTLS
 * S: 382 Continue with TLS negotiation
 * </pre>
 *
 * <p>{@link StartTlsBehaviour#REFUSED} answers {@code 580 Can not initiate TLS negotiation} (RFC 4642 §2.2.2);
 * {@link StartTlsBehaviour#NOT_ADVERTISED} leaves STARTTLS out of the capabilities and answers {@code 500}; {@link
 * StartTlsBehaviour#INJECT_RESPONSE} follows the {@code 382} with a whole injected capability list, which a
 * vulnerable client takes as the answer to its first command inside TLS.
 */
final class NntpFront implements Front {
  /** The most commands one session may send. */
  static final int MAX_COMMANDS = 1000;
  /** The one newsgroup. */
  static final String GROUP = "tlsprobe.test";
  /** The message-id of its one article, number 1. */
  static final String MESSAGE_ID = "<1@tlsprobe.invalid>";
  /** The response injected after the go-ahead under {@link StartTlsBehaviour#INJECT_RESPONSE}. */
  static final List<String> INJECTED = List.of("101 Capability list:", "VERSION 2", "READER",
      "IMPLEMENTATION injected.tlsprobe.invalid", ".");

  private static final List<String> HEAD = List.of("Path: localhost!not-for-mail", "From: alice@example.org",
      "Newsgroups: " + GROUP, "Subject: hello over TLS", "Date: Fri, 27 Nov 2026 10:00:00 +0000",
      "Message-ID: " + MESSAGE_ID);
  private static final List<String> BODY = List.of("hello over TLS", "..a line that begins with a dot");

  /** What one session has selected and said. */
  private static final class State {
    boolean groupSelected;
    boolean userGiven;
    boolean injectedPending;
  }

  @Override
  public void serve(FrontSession s) throws IOException {
    String greeting = "200 " + s.serverName() + " tlsprobe capture NNTP service ready (posting ok)";
    s.send(greeting);
    s.phase().greeting(greeting);
    State state = new State();
    for (int i = 0; i < MAX_COMMANDS; i++) {
      String line = s.readLine();
      if (state.injectedPending) {
        state.injectedPending = false;
        ResponseInjection.judge(s, String.join("\\r\\n", INJECTED), line);
      }
      if (line == null) {
        return;
      }
      String[] words = line.trim().split("\\s+");
      String verb = words[0].toUpperCase(Locale.ROOT);
      String arg = words.length > 1 ? words[1] : "";
      switch (verb) {
        case "CAPABILITIES" -> capabilities(s);
        case "STARTTLS" -> {
          if (!startTls(s)) {
            continue;
          }
          if (!s.overTls()) {
            return; // the handshake failed: the report says how
          }
          state.injectedPending = s.behaviour() == StartTlsBehaviour.INJECT_RESPONSE;
          state.userGiven = false;
          state.groupSelected = false;
        }
        case "AUTHINFO" -> authinfo(s, state, words);
        case "MODE" -> s.send(arg.equalsIgnoreCase("READER") ? "200 Posting allowed" : "501 Unknown MODE");
        case "GROUP" -> group(s, state, arg, false);
        case "LISTGROUP" -> group(s, state, arg.isEmpty() ? GROUP : arg, true);
        case "LIST" -> list(s, arg.toUpperCase(Locale.ROOT));
        case "ARTICLE", "HEAD", "BODY", "STAT" -> article(s, state, verb, arg);
        case "OVER", "XOVER" -> over(s, state, arg);
        case "NEXT" -> s.send(state.groupSelected ? "421 No next article in this group" : "412 No newsgroup selected");
        case "LAST" -> s.send(state.groupSelected ? "422 No previous article in this group"
            : "412 No newsgroup selected");
        case "POST" -> {
          s.send("340 Input article; end with <CR-LF>.<CR-LF>");
          if (!s.readDotTerminated("article")) {
            return;
          }
          s.send("240 Article received OK");
        }
        case "DATE" -> s.send("111 " + ZonedDateTime.now(ZoneOffset.UTC)
            .format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)));
        case "HELP" -> s.send("100 Help text follows", "CAPABILITIES GROUP ARTICLE HEAD BODY LIST DATE QUIT", ".");
        case "QUIT" -> {
          s.send("205 Connection closing");
          return;
        }
        default -> s.send("500 Unknown command");
      }
    }
    s.send("400 Too many commands, closing connection");
  }

  private static void capabilities(FrontSession s) throws IOException {
    List<String> capabilities = new ArrayList<>(List.of("VERSION 2", "READER", "POST", "LIST ACTIVE NEWSGROUPS",
        "OVER"));
    if (!s.overTls() && s.behaviour() != StartTlsBehaviour.NOT_ADVERTISED) {
      capabilities.add("STARTTLS");
    }
    capabilities.add("AUTHINFO USER");
    capabilities.add("IMPLEMENTATION tlsprobe capture");
    List<String> lines = new ArrayList<>();
    lines.add("101 Capability list:");
    lines.addAll(capabilities);
    lines.add(".");
    s.send(lines.toArray(String[]::new));
    if (s.overTls()) {
      s.phase().capabilitiesAfter(capabilities);
    } else {
      s.phase().capabilitiesBefore(capabilities);
      s.phase().startTlsAdvertised(capabilities.contains("STARTTLS"));
      s.phase().plainTextAuthenticationOffered(true);
      s.phase().authenticationEvidence("AUTHINFO USER in CAPABILITIES before TLS");
    }
  }

  /** How NNTP answers STARTTLS (RFC 4642 §2.2). */
  private static final UpgradeAnswers UPGRADE = new UpgradeAnswers(
      "502 Command unavailable: TLS is already active", "500 Unknown command", "580 Can not initiate TLS negotiation",
      List.of("382 Continue with TLS negotiation"), INJECTED,
      "STARTTLS was not advertised (stripped) and the client's STARTTLS was refused as unknown",
      "the client's STARTTLS was refused (580)");

  /** Answers STARTTLS as the behaviour says; true when TLS was started (or attempted). */
  private static boolean startTls(FrontSession s) throws IOException {
    return UPGRADE.answer(s);
  }

  /** AUTHINFO USER then PASS (RFC 4643 §2.3): every login succeeds. */
  private static void authinfo(FrontSession s, State state, String[] words) throws IOException {
    String kind = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
    if (!s.overTls()) {
      s.phase().plainTextAuthenticationOffered(true);
    }
    switch (kind) {
      case "USER" -> {
        state.userGiven = true;
        s.send("381 Enter passphrase");
      }
      case "PASS" -> {
        if (!state.userGiven) {
          s.send("482 Authentication commands issued out of sequence");
        } else {
          state.userGiven = false;
          s.send("281 Authentication accepted");
        }
      }
      default -> s.send("501 Syntax error: AUTHINFO USER or PASS");
    }
  }

  private static void group(FrontSession s, State state, String name, boolean listing) throws IOException {
    if (!name.equals(GROUP)) {
      s.send("411 No such newsgroup");
      return;
    }
    state.groupSelected = true;
    if (listing) {
      s.send("211 1 1 1 " + GROUP + " list follows", "1", ".");
    } else {
      s.send("211 1 1 1 " + GROUP);
    }
  }

  private static void list(FrontSession s, String keyword) throws IOException {
    switch (keyword) {
      case "", "ACTIVE" -> s.send("215 list of newsgroups follows", GROUP + " 1 1 y", ".");
      case "NEWSGROUPS" -> s.send("215 list of newsgroups follows", GROUP + "\tThe tlsprobe capture group", ".");
      case "OVERVIEW.FMT" -> s.send("215 Order of fields in overview database", "Subject:", "From:", "Date:",
          "Message-ID:", "References:", ":bytes", ":lines", ".");
      default -> s.send("503 Data item not stored");
    }
  }

  /** ARTICLE, HEAD, BODY or STAT of the one article, by number, message-id or the current one. */
  private static void article(FrontSession s, State state, String verb, String arg) throws IOException {
    boolean byId = arg.startsWith("<");
    if (byId && !arg.equals(MESSAGE_ID)) {
      s.send("430 No article with that message-id");
      return;
    }
    if (!byId && !state.groupSelected) {
      s.send("412 No newsgroup selected");
      return;
    }
    if (!byId && !arg.isEmpty() && !arg.equals("1")) {
      s.send("423 No article with that number");
      return;
    }
    String number = byId ? "0" : "1";
    List<String> lines = new ArrayList<>();
    switch (verb) {
      case "ARTICLE" -> {
        lines.add("220 " + number + " " + MESSAGE_ID);
        lines.addAll(HEAD);
        lines.add("");
        lines.addAll(BODY);
      }
      case "HEAD" -> {
        lines.add("221 " + number + " " + MESSAGE_ID);
        lines.addAll(HEAD);
      }
      case "BODY" -> {
        lines.add("222 " + number + " " + MESSAGE_ID);
        lines.addAll(BODY);
      }
      default -> {
        s.send("223 " + number + " " + MESSAGE_ID);
        return;
      }
    }
    lines.add(".");
    s.send(lines.toArray(String[]::new));
  }

  /** OVER/XOVER (RFC 3977 §8.3): the overview line of article 1. */
  private static void over(FrontSession s, State state, String arg) throws IOException {
    if (!state.groupSelected) {
      s.send("412 No newsgroup selected");
      return;
    }
    if (!arg.isEmpty() && !arg.startsWith("1")) {
      s.send("423 No articles in that range");
      return;
    }
    s.send("224 Overview information follows", String.join("\t", "1", "hello over TLS", "alice@example.org",
        "Fri, 27 Nov 2026 10:00:00 +0000", MESSAGE_ID, "", "64", "2"), ".");
  }
}
