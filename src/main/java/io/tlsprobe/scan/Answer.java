package io.tlsprobe.scan;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.wire.Alert;
import io.tlsprobe.wire.CertificateMessage;
import io.tlsprobe.wire.Decoded;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.ServerHelloDone;
import io.tlsprobe.wire.ServerKeyExchange;
import io.tlsprobe.wire.TlsDecodeException;
import io.tlsprobe.wire.TlsDecoder;
import java.util.Optional;

/**
 * The server's answer to one hand-made ClientHello, read as TLS: it chose (a ServerHello or HelloRetryRequest, with
 * the TLS 1.2 ServerKeyExchange when there is one, and before TLS 1.3 the Certificate message, which comes in clear
 * before either), it refused (an alert, or a close without one), or no answer could
 * be had (no connection, a timeout, bytes that are not TLS).
 *
 * @param kind which of the three
 * @param hello the ServerHello or HelloRetryRequest, for {@link Kind#HELLO}
 * @param keyExchange the TLS 1.2 ServerKeyExchange that followed, if any
 * @param alert the fatal alert of a refusal, if one was sent
 * @param detail for people: why a refusal or failure happened
 * @param certificate the Certificate message of a TLS 1.2 (or older) answer, if the server sent one (anonymous and
 *     PSK suites do not)
 */
record Answer(Kind kind, Optional<ServerHello> hello, Optional<ServerKeyExchange> keyExchange, Optional<Alert> alert,
    String detail, Optional<CertificateMessage> certificate) {
  /** The three kinds of answer. */
  enum Kind {
    /** The server chose: a ServerHello or HelloRetryRequest. */
    HELLO,
    /** The server said no: an alert, or it closed the connection. */
    REFUSED,
    /** No answer: the question could not be asked or was not answered in time, or the answer is not TLS. */
    FAILED
  }

  /** The alert that says a version is not spoken. */
  static final int PROTOCOL_VERSION = 70;

  Answer {
    requireNonNull(kind, "kind");
    requireNonNull(hello, "hello");
    requireNonNull(keyExchange, "keyExchange");
    requireNonNull(alert, "alert");
    requireNonNull(detail, "detail");
    requireNonNull(certificate, "certificate");
  }

  /**
   * Whether {@code bytes} hold a whole answer: an alert, a TLS 1.3 ServerHello or HelloRetryRequest, or a TLS 1.2
   * ServerHello followed by its ServerKeyExchange or ServerHelloDone; also bytes that are not TLS (nothing more is
   * worth reading).
   */
  static boolean complete(byte[] bytes) {
    try {
      Decoded d = TlsDecoder.decodePartial(bytes);
      if (d.fatalAlert().isPresent()) {
        return true;
      }
      Optional<ServerHello> hello = d.serverHello();
      if (hello.isEmpty()) {
        return false;
      }
      if (hello.get().isHelloRetryRequest() || hello.get().selectedVersion() >= 0x0304) {
        return true;
      }
      return d.first(ServerKeyExchange.class).isPresent() || d.first(ServerHelloDone.class).isPresent();
    } catch (TlsDecodeException e) {
      return true;
    }
  }

  /** The reply read as TLS. */
  static Answer of(Reply reply) {
    if (reply.end() == Reply.End.FAILED) {
      return failed(reply.detail());
    }
    Decoded d;
    try {
      d = TlsDecoder.decodePartial(reply.bytes());
    } catch (TlsDecodeException e) {
      return failed("the answer is not TLS (" + e.getMessage() + "): " + printable(reply.bytes()));
    }
    Optional<ServerHello> hello = d.serverHello();
    if (hello.isPresent()) {
      return new Answer(Kind.HELLO, hello, d.first(ServerKeyExchange.class), Optional.empty(), "",
          d.first(CertificateMessage.class).filter(c -> !c.tls13()));
    }
    Optional<Alert> alert = d.fatalAlert();
    if (alert.isPresent()) {
      return new Answer(Kind.REFUSED, Optional.empty(), Optional.empty(), alert,
          "alert " + AlertDescription.of(alert.get().description()).name(), Optional.empty());
    }
    if (reply.end() == Reply.End.CLOSED) {
      return new Answer(Kind.REFUSED, Optional.empty(), Optional.empty(), Optional.empty(),
          "closed without an alert" + (reply.detail().isEmpty() ? "" : " (" + reply.detail() + ")"), Optional.empty());
    }
    if (reply.end() == Reply.End.TIMED_OUT) {
      return failed(reply.detail() + (reply.bytes().length == 0 ? "" : " after " + reply.bytes().length + " bytes"));
    }
    return failed("an answer of " + reply.bytes().length + " bytes without a ServerHello or alert");
  }

  static Answer failed(String detail) {
    return new Answer(Kind.FAILED, Optional.empty(), Optional.empty(), Optional.empty(), detail, Optional.empty());
  }

  /** Whether the server refused with protocol_version: it does not speak the version offered. */
  boolean refusedVersion() {
    return kind == Kind.REFUSED && alert.map(a -> a.description() == PROTOCOL_VERSION).orElse(false);
  }

  /** Up to 48 bytes as text, other bytes as {@code \xNN}. */
  static String printable(byte[] bytes) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < Math.min(bytes.length, 48); i++) {
      int b = bytes[i] & 0xff;
      if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') {
        out.append((char) b);
      } else {
        out.append(String.format("\\x%02x", b));
      }
    }
    return out.append(bytes.length > 48 ? "\"…" : "\"").toString();
  }
}
