package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What {@link TlsDecoder} found in a byte stream: the records in order, the handshake messages read from them (up
 * to the point where the stream turns encrypted), the alerts, and the bytes not consumed.
 *
 * <pre>{@code
 * Decoded d = TlsDecoder.decode(bytes);
 * d.clientHello().map(ClientHello::serverName); // Optional[Optional[example.com]]
 * d.first(CertificateMessage.class);
 * }</pre>
 *
 * @param records every complete record, in order (an SSLv2 hello is not a record and is only in messages)
 * @param messages the handshake messages in order
 * @param alerts plaintext alerts in order
 * @param trailing bytes after the last complete record (only in {@link TlsDecoder#decodePartial}; else empty)
 * @param consumed how many leading input bytes were complete records (or an SSLv2 hello)
 */
public record Decoded(
    List<TlsRecord> records, List<HandshakeMessage> messages, List<Alert> alerts, Bytes trailing, int consumed) {
  public Decoded {
    records = List.copyOf(records);
    messages = List.copyOf(messages);
    alerts = List.copyOf(alerts);
    requireNonNull(trailing, "trailing");
  }

  /** The first message of the given type. */
  public <T extends HandshakeMessage> Optional<T> first(Class<T> type) {
    return messages.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** All messages of the given type, in order. */
  public <T extends HandshakeMessage> List<T> all(Class<T> type) {
    return messages.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The first ClientHello; an SSLv2-compatible hello is mapped with {@link SslV2ClientHello#toClientHello()}. */
  public Optional<ClientHello> clientHello() {
    for (HandshakeMessage m : messages) {
      if (m instanceof ClientHello hello) {
        return Optional.of(hello);
      }
      if (m instanceof SslV2ClientHello v2) {
        return Optional.of(v2.toClientHello());
      }
    }
    return Optional.empty();
  }

  /**
   * The ServerHello: the first one that is not a HelloRetryRequest, else the HelloRetryRequest when that is all
   * there is.
   */
  public Optional<ServerHello> serverHello() {
    List<ServerHello> hellos = all(ServerHello.class);
    return hellos.stream()
        .filter(h -> !h.isHelloRetryRequest())
        .findFirst()
        .or(() -> hellos.stream().findFirst());
  }

  /** The HelloRetryRequest, if the server sent one. */
  public Optional<ServerHello> helloRetryRequest() {
    return all(ServerHello.class).stream().filter(ServerHello::isHelloRetryRequest).findFirst();
  }

  /** The first fatal alert, if any. */
  public Optional<Alert> fatalAlert() {
    return alerts.stream().filter(Alert::isFatal).findFirst();
  }
}
