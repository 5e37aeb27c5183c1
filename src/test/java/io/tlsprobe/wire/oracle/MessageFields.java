package io.tlsprobe.wire.oracle;

import static io.tlsprobe.wire.oracle.FieldMap.colonHex;
import static io.tlsprobe.wire.oracle.FieldMap.hex2;
import static io.tlsprobe.wire.oracle.FieldMap.hex4;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.CertificateMessage;
import io.tlsprobe.wire.CertificateStatus;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.DheParams;
import io.tlsprobe.wire.EcdheParams;
import io.tlsprobe.wire.Extension;
import io.tlsprobe.wire.HandshakeMessage;
import io.tlsprobe.wire.Ja3;
import io.tlsprobe.wire.Ja3s;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.ServerHelloDone;
import io.tlsprobe.wire.ServerKeyExchange;
import java.util.List;
import java.util.Optional;

/**
 * The tshark fields (Wireshark 4.0 names) that one handshake message of our model stands for. Written from our
 * typed records; the few things the codec keeps opaque (a ServerKeyExchange's signature block) are split here the
 * way RFC 5246 lays them out.
 *
 * <pre>{@code
 * MessageFields.of(serverHello, MessageFields.Context.FIRST).toMap().get("tls.handshake.ciphersuite"); // [0xc02f]
 * }</pre>
 */
final class MessageFields {
  private static final String H = "tls.handshake.";
  private static final int TLS12 = 0x0303;
  private static final int TLS13 = 0x0304;

  private MessageFields() {}

  /**
   * What tshark knows of the conversation when it reaches a message, which changes how it shows it.
   *
   * @param serverHello the ServerHello before the message, whose suite and version say how to read a
   *     ServerKeyExchange
   * @param tls13Negotiated whether a ServerHello or HelloRetryRequest selecting TLS 1.3 came before (tshark then
   *     stops splitting a hello's random into time and bytes)
   */
  record Context(Optional<ServerHello> serverHello, boolean tls13Negotiated) {
    /** Nothing seen yet. */
    static final Context FIRST = new Context(Optional.empty(), false);
  }

  /** The fields of {@code message}, seen in {@code context}. */
  static FieldMap of(HandshakeMessage message, Context context) {
    FieldMap f = new FieldMap().add(H + "type", message.type()).add(H + "length", message.encodeBody().length);
    if (message instanceof ClientHello hello) {
      clientHello(f, hello, !context.tls13Negotiated());
    } else if (message instanceof ServerHello hello) {
      serverHello(f, hello);
    } else if (message instanceof CertificateMessage certificate && !certificate.tls13()) {
      f.add(H + "certificates_length", certificate.encodeBody().length - 3);
      for (Bytes der : certificate.certificates()) {
        f.add(H + "certificate_length", der.length()).add(H + "certificate", colonHex(der));
      }
    } else if (message instanceof ServerKeyExchange ske) {
      serverKeyExchange(f, ske, context.serverHello().orElseThrow(
          () -> new IllegalStateException("a ServerKeyExchange without a ServerHello before it")));
    } else if (message instanceof CertificateStatus status) {
      f.add(H + "extensions_status_request_type", status.statusType())
          .add(H + "ocsp_response_len", status.response().length());
    } else if (!(message instanceof ServerHelloDone)) {
      throw new IllegalArgumentException("no tshark fields known for " + message + ": teach MessageFields");
    }
    return f;
  }

  /*
   * Fields in tshark's order: version, random (and its time/bytes split), session id, suites, compression
   * methods, extensions, then JA3.
   */
  private static void clientHello(FieldMap f, ClientHello hello, boolean splitRandom) {
    hello(f, hello.legacyVersion(), hello.random(), hello.sessionId(), splitRandom);
    f.add(H + "cipher_suites_length", 2 * hello.cipherSuites().size())
        .addAll(H + "ciphersuite", hello.cipherSuites(), FieldMap::hex4)
        .add(H + "comp_methods_length", hello.compressionMethods().size())
        .addAll(H + "comp_method", hello.compressionMethods(), String::valueOf);
    extensions(f, hello.hasExtensionsBlock(), hello.extensions());
    Ja3 ja3 = Ja3.of(hello);
    f.add(H + "ja3_full", ja3.string()).add(H + "ja3", ja3.hash());
  }

  /** tshark splits the random into time and bytes unless the ServerHello is TLS 1.3's (or a HelloRetryRequest). */
  private static void serverHello(FieldMap f, ServerHello hello) {
    hello(f, hello.legacyVersion(), hello.random(), hello.sessionId(), hello.selectedVersion() != TLS13);
    f.add(H + "ciphersuite", hex4(hello.cipherSuite())).add(H + "comp_method", hello.compressionMethod());
    extensions(f, hello.hasExtensionsBlock(), hello.extensions());
    Ja3s ja3s = Ja3s.of(hello);
    f.add(H + "ja3s_full", ja3s.string()).add(H + "ja3s", ja3s.hash());
  }

  private static void hello(FieldMap f, int version, Bytes random, Bytes sessionId, boolean splitRandom) {
    f.add(H + "version", hex4(version)).add(H + "random", colonHex(random));
    if (splitRandom) {
      f.add(H + "random_time", FieldMap.randomTime(random))
          .add(H + "random_bytes", colonHex(Bytes.of(random.toArray(), 4, random.length() - 4)));
    }
    f.add(H + "session_id_length", sessionId.length());
    if (!sessionId.isEmpty()) {
      f.add(H + "session_id", colonHex(sessionId));
    }
  }

  private static void extensions(FieldMap f, boolean hasBlock, List<Extension> extensions) {
    if (hasBlock) {
      f.add(H + "extensions_length", extensions.stream().mapToInt(e -> 4 + e.encodeData().length).sum());
    }
    f.addAll(ExtensionFields.of(extensions));
  }

  /*
   * RFC 5246 7.4.3 (with RFC 8422 5.4 for ECDHE): the parameters, then
   * struct { SignatureAndHashAlgorithm algorithm; opaque signature<0..2^16-1>; } digitally-signed.
   * Before TLS 1.2 (RFC 4346 7.4.3) the signature has no algorithm: just opaque signature<0..2^16-1>.
   */
  private static void serverKeyExchange(FieldMap f, ServerKeyExchange ske, ServerHello hello) {
    String kx = CipherSuite.of(hello.cipherSuite()).keyExchange();
    Bytes signature;
    if (kx.equals("ECDHE")) {
      EcdheParams ecdhe = ske.ecdhe().orElseThrow(() -> new AssertionError("ECDHE suite, SKE not ECDHE: " + ske));
      f.add(H + "server_curve_type", hex2(ecdhe.curveType()))
          .add(H + "server_named_curve", hex4(ecdhe.namedGroup()))
          .add(H + "server_point_len", ecdhe.publicPoint().length())
          .add(H + "server_point", colonHex(ecdhe.publicPoint()));
      signature = ecdhe.signature();
    } else if (kx.equals("DHE")) {
      DheParams dhe = ske.dhe().orElseThrow(() -> new AssertionError("DHE suite, SKE not DHE: " + ske));
      f.add(H + "p_len", dhe.p().length()).add(H + "p", colonHex(dhe.p()))
          .add(H + "g_len", dhe.g().length()).add(H + "g", colonHex(dhe.g()))
          .add(H + "ys_len", dhe.ys().length()).add(H + "ys", colonHex(dhe.ys()));
      signature = dhe.signature();
    } else {
      throw new IllegalArgumentException("no tshark fields known for a " + kx + " ServerKeyExchange");
    }
    int at = 0;
    if (hello.selectedVersion() >= TLS12 && signature.length() >= 2) {
      ExtensionFields.signatureScheme(f, List.of((signature.get(0) << 8) | signature.get(1)));
      at = 2;
    }
    if (signature.length() >= at + 2) {
      f.add(H + "sig_len", (signature.get(at) << 8) | signature.get(at + 1))
          .add(H + "sig", colonHex(Bytes.of(signature.toArray(), at + 2, signature.length() - at - 2)));
    }
  }
}
