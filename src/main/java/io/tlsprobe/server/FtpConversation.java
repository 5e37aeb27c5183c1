package io.tlsprobe.server;

import io.tlsprobe.server.FtpBackendControl.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * One client's FTP session through the {@link FtpFront}: the security commands of RFC 4217 ({@code AUTH TLS}, {@code
 * PBSZ}, {@code PROT}) and {@code FEAT} (RFC 2389) are answered here, the data-connection commands ({@code PASV},
 * {@code EPSV}, {@code PORT}, {@code EPRT}) are rewritten so that every data connection runs through an {@link
 * FtpDataChannel} of ours, {@code USER}/{@code PASS} are replaced by the backend's one account (any login succeeds),
 * and every other command goes to MockFtpServer with its replies relayed back unchanged. The transcript holds the
 * client's lines as sent and the replies as the client received them, plus one note per transfer:
 * {@code <data channel 1: RETR, PROT P, TLSv1.3 TLS_AES_256_GCM_SHA384, session reused: no (…), 12 bytes to the
 * client>}.
 */
final class FtpConversation {
  /** The most commands one session may send. */
  static final int MAX_COMMANDS = 1000;
  /** The reply injected after {@code 234} under {@link StartTlsBehaviour#INJECT_RESPONSE}. */
  static final String INJECTED = "200 injected.tlsprobe.invalid";
  static final String GREETING = "220 localhost FTP tlsprobe capture (MockFtpServer behind)";

  private final FrontSession s;
  private final FtpBackendControl backend;
  private @Nullable FtpDataChannel data;
  private boolean protectData;
  private boolean pbsz;
  private int transfers;

  FtpConversation(FrontSession s, FtpBackendControl backend) {
    this.s = s;
    this.backend = backend;
  }

  void run() throws IOException {
    try {
      converse();
    } finally {
      closeData();
    }
  }

  private void converse() throws IOException {
    s.send(GREETING);
    s.phase().greeting(GREETING);
    if (!s.overTls()) {
      s.phase().plainTextAuthenticationOffered(true);
      s.phase().authenticationEvidence("USER and PASS are accepted in clear, before AUTH TLS");
      // FTP announces AUTH TLS only in FEAT, which many clients never ask: the front's FEAT would list it
      s.phase().startTlsAdvertised(s.behaviour() != StartTlsBehaviour.NOT_ADVERTISED);
    }
    boolean injectedPending = false;
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
      String argument = argument(line);
      switch (verb) {
        case "AUTH" -> {
          if (!auth(argument)) {
            continue;
          }
          if (!s.overTls()) {
            return; // the handshake failed: the report says how
          }
          injectedPending = s.behaviour() == StartTlsBehaviour.INJECT_RESPONSE;
        }
        case "PBSZ" -> pbsz(argument);
        case "PROT" -> prot(argument);
        case "CCC" -> s.send("534 CCC refused: the control connection stays protected");
        case "FEAT" -> feat();
        case "USER" -> relay("USER " + FtpBackend.USER);
        case "PASS" -> relay("PASS " + FtpBackend.PASSWORD);
        case "PASV", "EPSV" -> passive(verb, argument);
        case "PORT", "EPRT" -> active(verb, argument);
        case "LPSV", "LPRT" -> s.send("502 Command not implemented: " + verb + ".");
        case "RETR", "LIST", "NLST", "MLSD" -> transfer(verb, line, false);
        case "STOR", "STOU", "APPE" -> transfer(verb, line, true);
        case "QUIT" -> {
          relay(line);
          return;
        }
        default -> relay(line);
      }
    }
    s.send("421 Too many commands, closing control connection.");
  }

  /** Answers AUTH as the behaviour says; true when TLS was started (or attempted). */
  private boolean auth(String mechanism) throws IOException {
    String m = mechanism.trim().toUpperCase(Locale.ROOT);
    if (s.overTls()) {
      s.send("503 Already using TLS.");
      return false;
    }
    if (!List.of("TLS", "SSL", "TLS-C", "TLS-P").contains(m)) {
      s.send("504 Security mechanism not understood: " + mechanism + ".");
      return false;
    }
    return new UpgradeAnswers("503 Already using TLS.", "502 Command not implemented: AUTH.",
        "431 Unable to accept security mechanism: TLS is not available.", List.of("234 Proceed with negotiation."),
        List.of(INJECTED), "AUTH TLS was not advertised (stripped) and the client's AUTH " + m
            + " was refused as unknown (502)", "the client's AUTH " + m + " was refused (431)").answer(s);
  }

  private void pbsz(String size) throws IOException {
    if (!s.overTls()) {
      s.send("503 PBSZ needs a protected control connection (AUTH TLS first).");
    } else if (!size.trim().chars().allMatch(Character::isDigit) || size.isBlank()) {
      s.send("501 PBSZ needs a decimal size.");
    } else {
      pbsz = true;
      s.send("200 PBSZ=0");
    }
  }

  private void prot(String level) throws IOException {
    String l = level.trim().toUpperCase(Locale.ROOT);
    if (!s.overTls()) {
      s.send("503 PROT needs a protected control connection (AUTH TLS first).");
    } else if (!pbsz) {
      s.send("503 PROT needs PBSZ first.");
    } else if (l.equals("P") || l.equals("C")) {
      protectData = l.equals("P");
      s.send("200 Protection level set to " + l + ".");
    } else if (l.equals("S") || l.equals("E")) {
      s.send("536 Protection level " + l + " not supported.");
    } else {
      s.send("504 Protection level not understood: " + level + ".");
    }
  }

  private void feat() throws IOException {
    List<String> features = new ArrayList<>();
    if (!s.overTls() && s.behaviour() != StartTlsBehaviour.NOT_ADVERTISED) {
      features.add("AUTH TLS");
    }
    features.addAll(List.of("PBSZ", "PROT", "EPSV", "EPRT", "PASV", "SIZE"));
    List<String> lines = new ArrayList<>();
    lines.add("211-Features:");
    features.forEach(f -> lines.add(" " + f));
    lines.add("211 End");
    s.send(lines.toArray(String[]::new));
    if (s.overTls()) {
      s.phase().capabilitiesAfter(features);
    } else {
      s.phase().capabilitiesBefore(features);
      s.phase().startTlsAdvertised(features.contains("AUTH TLS"));
    }
  }

  /** PASV/EPSV: the backend gets PORT to a relay port of ours; the client gets our passive port. */
  private void passive(String verb, String argument) throws IOException {
    if (verb.equals("EPSV") && argument.trim().equalsIgnoreCase("ALL")) {
      s.send("200 EPSV ALL ok.");
      return;
    }
    closeData();
    FtpDataChannel channel = FtpDataChannel.passive();
    Reply reply = backend.command(channel.backendPortCommand());
    if (reply.code() != 200) {
      channel.close();
      s.send(reply.lines().toArray(String[]::new));
      return;
    }
    data = channel;
    int p = channel.clientPort();
    s.send(verb.equals("PASV") ? "227 Entering Passive Mode (127,0,0,1," + (p >> 8) + "," + (p & 0xff) + ")."
        : "229 Entering Extended Passive Mode (|||" + p + "|)");
  }

  /** PORT/EPRT: only loopback addresses; the backend gets PORT to a relay port of ours. */
  private void active(String verb, String argument) throws IOException {
    closeData();
    InetSocketAddress target = verb.equals("PORT") ? parsePort(argument) : parseEprt(argument);
    if (target == null) {
      s.send("501 Syntax error in " + verb + " arguments.");
      return;
    }
    if (!target.getAddress().isLoopbackAddress()) {
      s.send("501 " + verb + " refused: the capture server connects only to loopback addresses.");
      return;
    }
    FtpDataChannel channel = FtpDataChannel.active(target);
    Reply reply = backend.command(channel.backendPortCommand());
    if (reply.code() != 200) {
      channel.close();
      s.send(reply.lines().toArray(String[]::new));
      return;
    }
    data = channel;
    s.send("200 " + verb + " command successful.");
  }

  /** A transfer: the backend's 150, the relayed data connection, the backend's final reply, a note. */
  private void transfer(String verb, String line, boolean upload) throws IOException {
    FtpDataChannel channel = data;
    data = null;
    if (channel == null) {
      s.send("425 Use PORT, EPRT, PASV or EPSV first.");
      return;
    }
    try (channel) {
      Reply first = backend.command(line);
      s.send(first.lines().toArray(String[]::new));
      if (!first.preliminary()) {
        return;
      }
      EngineTransport control = s.tls();
      SSLSession controlSession = control != null ? control.engine().getSession() : null;
      FtpDataChannel.Result result = channel.transfer(upload, protectData, s.settings(), controlSession);
      Reply done = backend.read();
      s.send(done.lines().toArray(String[]::new));
      s.note("<data channel " + ++transfers + ": " + verb + ", " + result.describe() + ">");
    }
  }

  /** Sends {@code command} to the backend and relays its replies (through any 1xx) to the client. */
  private void relay(String command) throws IOException {
    Reply reply = backend.command(command);
    s.send(reply.lines().toArray(String[]::new));
    for (int i = 0; reply.preliminary() && i < 8; i++) {
      reply = backend.read();
      s.send(reply.lines().toArray(String[]::new));
    }
  }

  private void closeData() {
    if (data != null) {
      data.close();
      data = null;
    }
  }

  /** {@code h1,h2,h3,h4,p1,p2} (RFC 959 §4.1.2). */
  static @Nullable InetSocketAddress parsePort(String argument) {
    String[] parts = argument.trim().split(",");
    if (parts.length != 6) {
      return null;
    }
    try {
      byte[] address = new byte[4];
      for (int i = 0; i < 4; i++) {
        address[i] = (byte) octet(parts[i]);
      }
      int port = octet(parts[4]) << 8 | octet(parts[5]);
      return port == 0 ? null : new InetSocketAddress(InetAddress.getByAddress(address), port);
    } catch (NumberFormatException | UnknownHostException e) {
      return null;
    }
  }

  /** {@code |1|127.0.0.1|40123|} or {@code |2|::1|40123|} (RFC 2428 §2). */
  static @Nullable InetSocketAddress parseEprt(String argument) {
    String a = argument.trim();
    if (a.length() < 7) {
      return null;
    }
    String[] parts = a.substring(1).split(java.util.regex.Pattern.quote(a.substring(0, 1)), -1);
    boolean literal = parts.length >= 3 && (parts[0].equals("1") && parts[1].matches("\\d{1,3}(\\.\\d{1,3}){3}")
        || parts[0].equals("2") && parts[1].matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")); // literals only: no DNS
    if (!literal || !parts[2].matches("\\d{1,5}")) {
      return null;
    }
    try {
      int port = Integer.parseInt(parts[2]);
      return port < 1 || port > 65535 ? null : new InetSocketAddress(InetAddress.getByName(parts[1]), port);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static int octet(String s) {
    int v = Integer.parseInt(s.trim());
    if (v < 0 || v > 255) {
      throw new NumberFormatException(s);
    }
    return v;
  }

  private static String verb(String line) {
    String t = line.trim();
    int space = t.indexOf(' ');
    return (space < 0 ? t : t.substring(0, space)).toUpperCase(Locale.ROOT);
  }

  private static String argument(String line) {
    String t = line.trim();
    int space = t.indexOf(' ');
    return space < 0 ? "" : t.substring(space + 1);
  }
}
