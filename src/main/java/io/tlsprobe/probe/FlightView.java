package io.tlsprobe.probe;

import io.tlsprobe.wire.Alert;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.CertificateMessage;
import io.tlsprobe.wire.CertificateStatus;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.Decoded;
import io.tlsprobe.wire.HandshakeMessage;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.ServerHelloDone;
import io.tlsprobe.wire.ServerKeyExchange;
import io.tlsprobe.wire.TlsDecodeException;
import io.tlsprobe.wire.TlsDecoder;
import io.tlsprobe.wire.TlsRecord;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the codec read from one direction of a transcript. Malformed bytes do not hide what came before them: the
 * longest run of whole records that decodes is kept, and the codec's complaint about the rest is in
 * {@link #problem()}.
 *
 * @param decoded what decoded
 * @param problem the codec's message for bytes that did not decode, if any
 */
record FlightView(Decoded decoded, Optional<String> problem) {

  /** Decodes {@code bytes} (one direction, from its first byte). */
  static FlightView of(byte[] bytes) {
    try {
      return new FlightView(TlsDecoder.decodePartial(bytes), Optional.empty());
    } catch (TlsDecodeException e) {
      return new FlightView(TlsDecoder.decodeLongestPrefix(bytes), Optional.of(e.getMessage()));
    }
  }

  Optional<ClientHello> clientHello() {
    return decoded.clientHello();
  }

  /** The ServerHello, or the HelloRetryRequest when that is all there is. */
  Optional<ServerHello> serverHello() {
    return decoded.serverHello();
  }

  Optional<CertificateMessage> certificate() {
    return decoded.first(CertificateMessage.class);
  }

  Optional<ServerKeyExchange> serverKeyExchange() {
    return decoded.first(ServerKeyExchange.class);
  }

  Optional<CertificateStatus> certificateStatus() {
    return decoded.first(CertificateStatus.class);
  }

  boolean hasServerHelloDone() {
    return decoded.first(ServerHelloDone.class).isPresent();
  }

  /** The first fatal alert, if any. */
  Optional<Alert> fatalAlert() {
    return decoded.fatalAlert();
  }

  /** The first fatal alert that came before any ServerHello. */
  Optional<Alert> fatalAlertBeforeServerHello() {
    return serverHello().isPresent() ? Optional.empty() : fatalAlert();
  }

  /**
   * Whether the server's first flight is complete as far as plaintext goes: an alert, ServerHelloDone, a TLS 1.3
   * ServerHello or HelloRetryRequest (the rest is encrypted or needs a second hello), a ChangeCipherSpec or
   * application data record, or bytes the codec could not read.
   */
  boolean flightComplete() {
    if (problem.isPresent() || fatalAlert().isPresent() || hasServerHelloDone()) {
      return true;
    }
    @Nullable ServerHello hello = serverHello().orElse(null);
    if (hello != null && (hello.isHelloRetryRequest() || hello.selectedVersion() >= 0x0304)) {
      return true;
    }
    return decoded.records().stream().anyMatch(r ->
        r.contentType() == TlsRecord.CHANGE_CIPHER_SPEC || r.contentType() == TlsRecord.APPLICATION_DATA);
  }

  /** The handshake messages in order. */
  List<HandshakeMessage> messages() {
    return decoded.messages();
  }

  /** {@code 3 bytes: an incomplete record (3 of 5 header bytes)} or {@code 1200 bytes}. */
  String bytesSummary() {
    int total = decoded.consumed() + decoded.trailing().length();
    String summary = total + (total == 1 ? " byte" : " bytes") + " from the server";
    Bytes rest = decoded.trailing();
    if (rest.isEmpty()) {
      return summary;
    }
    if (rest.length() < TlsRecord.HEADER_LENGTH) {
      return summary + ", ending in an incomplete record (" + rest.length() + " of 5 header bytes)";
    }
    int length = (rest.get(3) << 8) | rest.get(4);
    return summary + ", ending in an incomplete record (" + (rest.length() - TlsRecord.HEADER_LENGTH) + " of "
        + length + " bytes)";
  }
}
