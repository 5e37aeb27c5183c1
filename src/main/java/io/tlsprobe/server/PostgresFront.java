package io.tlsprobe.server;

import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.server.PostgresWire.Body;
import io.tlsprobe.server.PostgresWire.Malformed;
import io.tlsprobe.server.PostgresWire.Message;
import io.tlsprobe.server.PostgresWire.Out;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL's frontend/backend protocol 3.0 (<a href="https://www.postgresql.org/docs/current/protocol-flow.html">§55.2
 * Message Flow</a>), far enough for a JDBC driver or {@code psql} to connect, log in and run {@code SELECT 1}: the
 * SSLRequest and GSSENCRequest negotiation, a StartupMessage, a cleartext password login (every password is
 * accepted), the parameters a driver insists on, then {@link PostgresQueries}.
 *
 * <p><b>The upgrade.</b> The client sends an SSLRequest; {@code S} means "start TLS now", {@code N} "no SSL" (the
 * client may then send its StartupMessage in clear, or give up). PostgreSQL announces nothing before the request, so
 * {@link StartTlsBehaviour#NOT_ADVERTISED} and {@link StartTlsBehaviour#REFUSED} are the same here: both answer
 * {@code N}. {@link StartTlsBehaviour#INJECT_RESPONSE} answers {@code S} followed, in the same write, by a whole
 * successful login (AuthenticationOk, ParameterStatus, BackendKeyData, ReadyForQuery): the plain-text buffering of
 * CVE-2021-23222 (libpq) and CVE-2021-23214 (server). A client that takes those bytes as the server's first answer
 * inside TLS sends its next message without waiting for the real authentication request: vulnerable. A client may
 * also begin with a TLS ClientHello at once (PostgreSQL 17's {@code sslnegotiation=direct}); the front then starts
 * TLS without a go-ahead (and closes the connection when it refuses TLS). A GSSENCRequest is answered {@code N}.
 *
 * <p><b>The login.</b> The front asks for a cleartext password (AuthenticationCleartextPassword, code 3) so that a
 * client that logs in before TLS shows its password in the transcript, recorded as {@code PasswordMessage …
 * [hex]}.
 *
 * <pre>
 * F: SSLRequest                      B: S            (TLS handshake)
 * F: StartupMessage user=… database=…
 * B: AuthenticationCleartextPassword F: PasswordMessage
 * B: AuthenticationOk, ParameterStatus…, BackendKeyData, ReadyForQuery I
 * </pre>
 */
final class PostgresFront implements Front {
  /** The version the front reports in {@code server_version}. */
  static final String VERSION = "16.0";
  /** What {@code SELECT version()} returns. */
  static final String VERSION_TEXT = "PostgreSQL " + VERSION + " (tlsprobe capture front)";
  /** The most SSLRequest/GSSENCRequest rounds before the StartupMessage. */
  static final int MAX_NEGOTIATIONS = 4;
  /**
   * Recorded when the client closes inside TLS before its StartupMessage: the handshake completed, yet the client
   * gave up, as pgjdbc's and libpq's {@code verify-full} do when they check the host name after the handshake, and
   * libpq does when bytes followed the {@code S} in clear.
   */
  static final String CLOSED_AFTER_HANDSHAKE = "<closed inside TLS before its StartupMessage: the handshake "
      + "completed, but the client gave up (a check after the handshake: the host name, or bytes sent in clear "
      + "after 'S')>";
  /** The first byte of a TLS handshake record: a client using direct SSL. */
  static final int TLS_HANDSHAKE = 0x16;

  @Override
  public void serve(FrontSession s) throws IOException {
    boolean injectedPending = false;
    String injected = "";
    for (int round = 0; round < MAX_NEGOTIATIONS; round++) {
      int first = s.peek();
      if (first < 0) {
        if (s.overTls()) {
          s.recordClient(CLOSED_AFTER_HANDSHAKE);
          if (injectedPending) {
            s.injection(new InjectionCheck(InjectionVerdict.NOT_VULNERABLE, injected, "the client completed the "
                + "handshake and closed without sending its StartupMessage: it did not act on the login injected "
                + "in clear after 'S' (libpq: \"received unencrypted data after SSL response\")", List.of()));
          }
        }
        return;
      }
      if (first == TLS_HANDSHAKE && !s.overTls()) {
        if (!directTls(s)) {
          return;
        }
        continue;
      }
      byte[] packet = PostgresWire.readStartupPacket(s);
      int code = ByteBuffer.wrap(packet, 4, 4).getInt();
      switch (code) {
        case PostgresWire.SSL_REQUEST -> {
          PostgresWire.recordClient(s, "SSLRequest (code " + code + ")", packet);
          if (s.overTls()) {
            new Out().error("08P01", "SSLRequest inside TLS").flush(s);
            return;
          }
          Out injection = sslRequest(s);
          if (injection != null && !s.overTls()) {
            return; // the handshake failed: the report says how
          }
          if (injection != null && s.behaviour() == StartTlsBehaviour.INJECT_RESPONSE) {
            injectedPending = true;
            injected = injection.description();
          }
        }
        case PostgresWire.GSSENC_REQUEST -> {
          PostgresWire.recordClient(s, "GSSENCRequest (code " + code + ")", packet);
          s.sendBytes(new byte[] {'N'}, "'N': GSSAPI encryption refused");
        }
        case PostgresWire.CANCEL_REQUEST -> {
          PostgresWire.recordClient(s, "CancelRequest", packet);
          return;
        }
        default -> {
          if (code >>> 16 != 3) {
            PostgresWire.recordClient(s, "startup packet with unsupported protocol " + (code >>> 16) + "."
                + (code & 0xFFFF), packet);
            new Out().error("0A000", "unsupported frontend protocol " + (code >>> 16) + "." + (code & 0xFFFF)
                + ": server supports 3.0").flush(s);
            return;
          }
          Map<String, String> startup = startupParameters(s, packet);
          if (injectedPending) {
            ResponseInjection.judge(s, injected, "StartupMessage");
          }
          if (startup != null && login(s, startup)) {
            new PostgresQueries(s, parameters(startup)).serve();
          }
          return;
        }
      }
    }
    new Out().error("08P01", "too many SSLRequest/GSSENCRequest rounds").flush(s);
  }

  /**
   * Answers an SSLRequest as the behaviour says; the injected bytes (empty when none) when TLS was started or
   * attempted, null when it was refused.
   */
  private static @Nullable Out sslRequest(FrontSession s) throws IOException {
    switch (s.behaviour()) {
      case NOT_ADVERTISED, REFUSED -> {
        s.startTlsRefused();
        s.sendBytes(new byte[] {'N'}, "'N': SSL refused");
        s.endReason("the client's SSLRequest was answered N (SSL refused; PostgreSQL has no advertisement to strip)");
        return null;
      }
      case INJECT_RESPONSE -> {
        Out injection = loginComplete(new Out(), Map.of("user", "injected"));
        byte[] bytes = PostgresWire.concat(new byte[] {'S'}, injection.bytes());
        s.sendBytes(bytes, "'S': SSL accepted, then injected in clear: " + injection.description());
        if (!s.startTls()) {
          ResponseInjection.handshakeFailed(s, injection.description());
        }
        return injection;
      }
      case UPGRADE -> {
        s.sendBytes(new byte[] {'S'}, "'S': SSL accepted");
        s.startTls();
        return new Out();
      }
    }
    throw new IllegalStateException("unknown behaviour " + s.behaviour());
  }

  /** Direct SSL: the client's first byte begins a TLS record; true when the session goes on inside TLS. */
  private static boolean directTls(FrontSession s) throws IOException {
    s.recordClient("TLS ClientHello without SSLRequest (direct SSL, PostgreSQL 17 sslnegotiation=direct)");
    if (s.behaviour() == StartTlsBehaviour.REFUSED || s.behaviour() == StartTlsBehaviour.NOT_ADVERTISED) {
      s.startTlsRefused();
      s.endReason("the client began with a TLS ClientHello (direct SSL) and the front, refusing TLS, closed the "
          + "connection");
      return false;
    }
    boolean upgraded = s.startTls();
    if (upgraded && s.behaviour() == StartTlsBehaviour.INJECT_RESPONSE) {
      s.injection(new InjectionCheck(InjectionVerdict.INCONCLUSIVE, "(none)", "the client began TLS at once "
          + "(direct SSL): no go-ahead was sent in clear, so nothing could be injected", List.of()));
    }
    return upgraded;
  }

  /**
   * The StartupMessage's parameters, recorded; null (after an ErrorResponse) when it is malformed.
   *
   * <pre>StartupMessage (F): Int32 length, Int32(196608), { String name, String value }, Byte1(0)</pre>
   */
  private static @Nullable Map<String, String> startupParameters(FrontSession s, byte[] packet) throws IOException {
    Body b = new Body(packet);
    Map<String, String> parameters = new LinkedHashMap<>();
    try {
      b.skip(8);
      while (true) {
        String name = b.cstring();
        if (name.isEmpty()) {
          break;
        }
        parameters.put(name, b.cstring());
      }
      if (!b.atEnd()) {
        throw new Malformed("bytes follow the terminating NUL");
      }
    } catch (Malformed e) {
      PostgresWire.recordClient(s, "malformed StartupMessage", packet);
      new Out().error("08P01", "invalid startup packet layout: " + e.getMessage()).flush(s);
      return null;
    }
    StringBuilder description = new StringBuilder("StartupMessage protocol 3." + (packet[7] & 0xFF));
    parameters.forEach((k, v) -> description.append(' ').append(k).append('=').append(v));
    PostgresWire.recordClient(s, description.toString(), packet);
    if (!s.overTls()) {
      s.endReason(s.startTlsRequested()
          ? "the client went on without TLS after its SSLRequest was refused: StartupMessage in clear"
          : "the client sent its StartupMessage in clear without asking for SSL (no SSLRequest)");
    }
    return parameters;
  }

  /** Asks for a cleartext password and accepts any; false when the client went away instead. */
  private static boolean login(FrontSession s, Map<String, String> startup) throws IOException {
    if (!s.overTls()) {
      s.phase().plainTextAuthenticationOffered(true);
      s.phase().authenticationEvidence("AuthenticationCleartextPassword (code 3) asked before TLS");
    }
    new Out().authentication(3, "AuthenticationCleartextPassword").flush(s);
    Message m = PostgresWire.read(s);
    if (m == null) {
      return false;
    }
    if (m.type() != 'p') {
      PostgresWire.recordClient(s, m.type() == 'X' ? "Terminate" : "unexpected message '" + m.type() + "'",
          m.bytes());
      if (m.type() != 'X') {
        new Out().error("08P01", "expected a password response, got message type " + (int) m.type()).flush(s);
      }
      return false;
    }
    PostgresWire.recordClient(s, "PasswordMessage (cleartext password)", m.bytes());
    loginComplete(new Out(), startup).flush(s);
    return true;
  }

  /** AuthenticationOk, the ParameterStatus a driver needs, BackendKeyData and ReadyForQuery. */
  private static Out loginComplete(Out out, Map<String, String> startup) {
    out.authentication(0, "AuthenticationOk");
    parameters(startup).forEach(out::parameterStatus);
    out.message('K', ByteBuffer.allocate(8).putInt(4242).putInt(0x7ead5eed).array(), "BackendKeyData");
    return out.readyForQuery('I');
  }

  /** The run-time parameters reported after login (what pgjdbc checks: UTF8, ISO dates, integer datetimes). */
  private static Map<String, String> parameters(Map<String, String> startup) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("server_version", VERSION);
    p.put("server_encoding", "UTF8");
    p.put("client_encoding", "UTF8");
    p.put("DateStyle", "ISO, MDY");
    p.put("TimeZone", "UTC");
    p.put("integer_datetimes", "on");
    p.put("standard_conforming_strings", "on");
    p.put("is_superuser", "off");
    p.put("session_authorization", startup.getOrDefault("user", ""));
    p.put("application_name", startup.getOrDefault("application_name", ""));
    return p;
  }
}
