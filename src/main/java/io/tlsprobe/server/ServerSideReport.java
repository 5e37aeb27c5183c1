package io.tlsprobe.server;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.CipherSuite;
import io.tlsprobe.CompressionMethod;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.AfterHandshake;
import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.JsseDefects;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.report.Verification;
import io.tlsprobe.wire.Alert;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.Decoded;
import io.tlsprobe.wire.DheParams;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.ServerKeyExchange;
import io.tlsprobe.wire.TlsDecoder;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Fills a capture report from what crossed: our own ServerHello (and TLS 1.2 ServerKeyExchange) read back with the
 * codec, the client's plaintext alerts, and JSSE's session; and says how a failed handshake ended.
 */
final class ServerSideReport {
  private static final Pattern RECEIVED_ALERT = Pattern.compile("Received fatal alert: (\\w+)");
  private static final int TLS13 = 0x0304;

  private ServerSideReport() {}

  /** Sets serverHello, protocol, suite, compression and group from the bytes we sent. */
  static void fromOurFlight(TlsConnectionReport.Builder b, byte[] sent) {
    Decoded ours = decodeQuietly(sent);
    Optional<ServerHello> hello = ours.serverHello();
    if (hello.isEmpty()) {
      return;
    }
    ServerHello sh = hello.get();
    b.serverHello(sh)
        .protocol(TlsProtocol.fromWireVersion(sh.selectedVersion()).orElse(null))
        .cipherSuite(CipherSuite.of(sh.cipherSuite()))
        .compression(CompressionMethod.of(sh.compressionMethod()));
    if (sh.selectedVersion() >= TLS13 || sh.isHelloRetryRequest()) {
      b.group(sh.keyShareGroup().map(NamedGroup::of).orElse(null));
      return;
    }
    Optional<ServerKeyExchange> ske = ours.first(ServerKeyExchange.class);
    if (ske.isPresent()) {
      String kx = CipherSuite.of(sh.cipherSuite()).keyExchange();
      if (kx.startsWith("ECDH")) {
        ske.get().ecdhe().ifPresent(p -> b.group(NamedGroup.of(p.namedGroup())));
      } else if (kx.startsWith("DH")) {
        ske.get().dhe().map(DheParams::primeBits).ifPresent(b::dhPrimeBits);
      }
    }
  }

  /** Sets protocol, suite, ALPN and the client's certificates from a completed handshake. */
  static void fromSession(TlsConnectionReport.Builder b, SSLEngine engine) {
    SSLSession session = engine.getSession();
    TlsProtocol.fromJsseName(session.getProtocol()).ifPresent(b::protocol);
    CipherSuite.byName(session.getCipherSuite()).ifPresent(b::cipherSuite);
    b.applicationProtocol(engine.getApplicationProtocol());
    try {
      List<CertificateInfo> chain = new ArrayList<>();
      for (Certificate c : session.getPeerCertificates()) {
        if (c instanceof X509Certificate x509) {
          chain.add(CertificateInfo.of(x509));
        }
      }
      b.certificates(chain).verification(new Verification(true, List.of(), "the server's trust anchors", ""));
    } catch (SSLPeerUnverifiedException e) {
      b.verification(Verification.notVerified("the client sent no certificate"));
    }
  }

  /**
   * How a handshake JSSE ended with {@code failure} came out: the client's fatal alert (plaintext in {@code received},
   * or decrypted by JSSE), else our refusal with the alert we sent.
   */
  static Outcome refused(SSLException failure, byte[] received, byte[] sent) {
    String message = String.valueOf(failure.getMessage());
    Decoded ours = decodeQuietly(sent);
    // JDK-8328046: our keys were wrong, so the client could not read our flight (bad_record_mac) or we its
    Optional<ServerHello> ourHello = ours.serverHello();
    Matcher m = RECEIVED_ALERT.matcher(message);
    if (m.find()) {
      return AlertDescription.byName(m.group(1)).map(a -> clientAlert(a, ourHello))
          .orElseGet(() -> Outcome.rejectedByPeer(Optional.empty(), "client sent fatal alert " + m.group(1)));
    }
    Optional<Alert> theirs = decodeQuietly(received).fatalAlert();
    if (theirs.isPresent()) {
      return clientAlert(AlertDescription.of(theirs.get().description()), ourHello);
    }
    Optional<AlertDescription> sentAlert = ours.fatalAlert().map(a -> AlertDescription.of(a.description()));
    String what = ourHello.flatMap(h -> JsseDefects.ffdheLeadingZero(h, failure))
        .map(d -> "the server could not decrypt the client's flight after it chose TLSv1.3 with " + d
            + "; the client may not be at fault")
        .orElse("the server refused the client's offer: " + message);
    return new Outcome(Outcome.Kind.ABORTED_LOCALLY, what + sentAlert.map(a -> "; sent fatal alert " + describe(a))
        .orElse(""), sentAlert, Optional.empty(), Bytes.empty());
  }

  /**
   * What the client did after the handshake, from how {@code transport}'s reads ended: whether it sent application
   * data, and its fatal alert (JSSE decrypts it and throws "Received fatal alert: …").
   */
  static AfterHandshake afterHandshake(EngineTransport transport, Duration idleTimeout) {
    IOException failure = transport.failure();
    Optional<AlertDescription> alert = Optional.empty();
    if (transport.ending() == EngineTransport.Ending.TLS_FAILURE && failure != null) {
      Matcher m = RECEIVED_ALERT.matcher(String.valueOf(failure.getMessage()));
      if (m.find()) {
        alert = AlertDescription.byName(m.group(1));
      }
    }
    String alertText = alert.map(ServerSideReport::describe).orElse("");
    if (transport.applicationDataReceived()) {
      return alert.isPresent()
          ? new AfterHandshake(true, alert, "sent application data, then fatal alert " + alertText)
          : AfterHandshake.sentApplicationData();
    }
    String none = "without sending any application data";
    String detail = switch (transport.ending()) {
      case CLOSE_NOTIFY -> "closed the connection with close_notify, " + none;
      case END_OF_STREAM -> "closed the connection without close_notify and " + none;
      case TIMEOUT -> "sent no application data within the idle timeout of " + seconds(idleTimeout);
      case TLS_FAILURE -> alert.isPresent() ? "sent fatal alert " + alertText + ", " + none
          : "broke the TLS session (" + (failure == null ? "" : failure.getMessage()) + "), " + none;
      case BROKEN -> "lost the connection (" + (failure == null ? "" : failure.getMessage()) + "), " + none;
      case OPEN -> "sent no application data before the session ended";
    };
    return new AfterHandshake(false, alert, detail);
  }

  /** {@code 10 s}, or {@code 300 ms}. */
  static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** The client closed mid-handshake: with the plaintext alert it sent first, if any. */
  static Outcome closedByClient(byte[] received, String after) {
    return closedByClient(received, new byte[0], after);
  }

  /**
   * The client closed mid-handshake after we {@code sent} our flight: with the plaintext alert it sent first, if
   * any, and what it may be owed to.
   */
  static Outcome closedByClient(byte[] received, byte[] sent, String after) {
    return decodeQuietly(received).fatalAlert().map(a -> clientAlert(AlertDescription.of(a.description()),
            decodeQuietly(sent).serverHello()))
        .orElseGet(() -> Outcome.rejectedByPeer(Optional.empty(),
            "client closed the connection without an alert " + after));
  }

  /** The client's fatal {@code alert}, and what it may be owed to after {@code ourHello} (JDK-8328046). */
  private static Outcome clientAlert(AlertDescription alert, Optional<ServerHello> ourHello) {
    return Outcome.rejectedByPeer(Optional.of(alert), "client sent fatal alert " + describe(alert)
        + defect(ourHello, alert).orElse(""));
  }

  /** What a client's {@code alert} after our TLS 1.3 FFDHE ServerHello may be owed to (JDK-8328046), to append. */
  private static Optional<String> defect(Optional<ServerHello> ourHello, AlertDescription alert) {
    return ourHello.flatMap(h -> JsseDefects.ffdheLeadingZero(h, alert))
        .map(d -> " after the server chose TLSv1.3 with " + d + "; the client may not be at fault");
  }

  /** {@code unknown_ca (48)}. */
  static String describe(AlertDescription alert) {
    return alert.name() + " (" + alert.code() + ")";
  }

  /** What decoded of one direction, up to any bytes the codec cannot read (a client's garbage after its hello). */
  static Decoded decodeQuietly(byte[] bytes) {
    return TlsDecoder.decodeLongestPrefix(bytes);
  }
}
