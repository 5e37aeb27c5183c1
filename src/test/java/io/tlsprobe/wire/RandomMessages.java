package io.tlsprobe.wire;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random but valid handshake messages, alerts and record streams for {@link WireRoundTripPropertyTest}. Each
 * generator writes the names of the shapes it made into {@code made}, so a test can prove that the seed range
 * reaches every shape.
 */
final class RandomMessages {
  private static final int[] LEGACY_VERSIONS = {0x0300, 0x0301, 0x0302, 0x0303};

  private RandomMessages() {}

  /**
   * A ClientHello: random legacy version, session id of 0 to 32 bytes, 1 to 200 cipher suites with GREASE, 1 to 4
   * compression methods, and a random subset of the typed extensions in random order (pre_shared_key last); one in
   * sixteen has no extensions block.
   */
  static ClientHello clientHello(Random r, List<String> made) {
    ClientHelloBuilder b = ClientHello.builder()
        .legacyVersion(legacyVersion(r))
        .random(RandomBytes.bytes(r, 32, 32))
        .sessionId(RandomBytes.bytes(r, 0, 32))
        .cipherSuites(RandomBytes.codes16(r, 1, 200))
        .compressionMethods(RandomBytes.codes8(r, 1, 4).stream().mapToInt(Integer::intValue).toArray());
    switch (r.nextInt(16)) {
      case 0 -> {
        made.add("no_extensions_block");
        return b.noExtensions().build();
      }
      case 1 -> {
        made.add("empty_extensions_block");
        return b.build(); // the builder's default: an extensions block, empty
      }
      default -> {
        List<Extension> extensions = RandomExtensions.subset(r, RandomExtensions.clientHello(), made);
        extensions.stream().filter(PreSharedKeyExtension.class::isInstance).findFirst().ifPresent(psk -> {
          extensions.remove(psk);
          extensions.add(psk);
        });
        extensions.forEach(b::extension);
        return b.build();
      }
    }
  }

  /** A ServerHello, or one time in three a HelloRetryRequest, with a random subset of its extensions. */
  static ServerHello serverHello(Random r, List<String> made) {
    boolean hrr = r.nextInt(3) == 0;
    made.add(hrr ? "hello_retry_request" : "server_hello");
    Bytes random = hrr ? HelloCodec.HELLO_RETRY_REQUEST_RANDOM : RandomBytes.bytes(r, 32, 32);
    int shape = hrr ? 2 : r.nextInt(8);
    if (shape < 2) {
      made.add(shape == 0 ? "no_extensions_block" : "empty_extensions_block");
      return new ServerHello(legacyVersion(r), random, RandomBytes.bytes(r, 0, 32), RandomBytes.code16(r),
          r.nextInt(256), List.of(), shape == 1);
    }
    List<Extension> extensions = RandomExtensions.subset(r,
        hrr ? RandomExtensions.helloRetryRequest() : RandomExtensions.serverHello(), made);
    return new ServerHello(legacyVersion(r), random, RandomBytes.bytes(r, 0, 32), RandomBytes.code16(r),
        r.nextInt(256), extensions, true);
  }

  /** A Certificate of the TLS 1.2 shape, or one time in two the TLS 1.3 shape with extensions per entry. */
  static CertificateMessage certificate(Random r, List<String> made) {
    int count = r.nextInt(5);
    List<CertificateMessage.Entry> entries = new ArrayList<>();
    if (r.nextBoolean()) {
      made.add("certificate_tls12");
      for (int i = 0; i < count; i++) {
        entries.add(new CertificateMessage.Entry(RandomBytes.bytes(r, 1, 600), List.of()));
      }
      return new CertificateMessage(false, Bytes.empty(), entries);
    }
    made.add("certificate_tls13");
    for (int i = 0; i < count; i++) {
      entries.add(new CertificateMessage.Entry(RandomBytes.bytes(r, 1, 600),
          RandomExtensions.subset(r, RandomExtensions.certificateEntry(), made)));
    }
    return new CertificateMessage(true, RandomBytes.bytes(r, 0, 16), entries);
  }

  /** ECDHE parameters with a signature, as a ServerKeyExchange carries them. */
  static EcdheParams ecdheParams(Random r) {
    return new EcdheParams(EcdheParams.NAMED_CURVE, RandomBytes.code16(r), RandomBytes.bytes(r, 1, 133),
        signature(r));
  }

  /** Finite-field DHE parameters with a signature, or none (anonymous). */
  static DheParams dheParams(Random r) {
    return new DheParams(RandomBytes.bytes(r, 1, 512), RandomBytes.bytes(r, 1, 2), RandomBytes.bytes(r, 1, 512),
        r.nextInt(4) == 0 ? Bytes.empty() : signature(r));
  }

  static Bytes encode(EcdheParams p) {
    return Bytes.of(new WireWriter().u8(p.curveType()).u16(p.namedGroup()).opaque8(p.publicPoint())
        .bytes(p.signature()).toByteArray());
  }

  static Bytes encode(DheParams p) {
    return Bytes.of(new WireWriter().opaque16(p.p()).opaque16(p.g()).opaque16(p.ys()).bytes(p.signature())
        .toByteArray());
  }

  /** 1 to 4 alerts, each warning or fatal with any description. */
  static List<Alert> alerts(Random r) {
    List<Alert> out = new ArrayList<>();
    for (int n = 1 + r.nextInt(4); n > 0; n--) {
      out.add(new Alert(1 + r.nextInt(2), r.nextInt(256)));
    }
    return out;
  }

  /**
   * Handshake bytes cut into records of at most {@code maxFragment} bytes each (so a message spans records and a
   * record holds several messages).
   */
  static List<TlsRecord> handshakeRecords(byte[] handshake, int maxFragment, int version) {
    List<TlsRecord> out = new ArrayList<>();
    for (int at = 0; at < handshake.length; at += maxFragment) {
      int length = Math.min(maxFragment, handshake.length - at);
      out.add(new TlsRecord(TlsRecord.HANDSHAKE, version, Bytes.of(handshake, at, length)));
    }
    return out;
  }

  static byte[] concat(List<TlsRecord> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    records.forEach(record -> out.writeBytes(record.encode()));
    return out.toByteArray();
  }

  static int recordVersion(Random r) {
    return r.nextBoolean() ? 0x0301 : 0x0303;
  }

  private static int legacyVersion(Random r) {
    return r.nextInt(4) == 0 ? r.nextInt(0x10000) : LEGACY_VERSIONS[r.nextInt(LEGACY_VERSIONS.length)];
  }

  private static Bytes signature(Random r) {
    return Bytes.of(new WireWriter().u16(RandomBytes.code16(r)).opaque16(RandomBytes.bytes(r, 1, 512))
        .toByteArray());
  }
}
