package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A Certificate message in either shape: TLS 1.2 and earlier (<a
 * href="https://www.rfc-editor.org/rfc/rfc5246#section-7.4.2">RFC 5246 section 7.4.2</a>), a bare list of DER
 * certificates; or TLS 1.3 (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.4.2">RFC 8446 section
 * 4.4.2</a>), with a request context and extensions per entry. {@link #tls13()} tells which.
 *
 * <pre>{@code
 * CertificateMessage chain = TlsDecoder.decode(serverFlight).first(CertificateMessage.class).orElseThrow();
 * chain.certificates().get(0); // the leaf, DER
 * }</pre>
 *
 * @param tls13 whether this is the TLS 1.3 shape
 * @param requestContext {@code certificate_request_context} (TLS 1.3 only; empty otherwise)
 * @param entries the certificates, leaf first
 */
public record CertificateMessage(boolean tls13, Bytes requestContext, List<Entry> entries)
    implements HandshakeMessage {
  /** The most certificates one message may hold. */
  public static final int MAX_CERTIFICATES = 256;

  /**
   * One certificate.
   *
   * @param certificate the DER certificate ({@code cert_data} in TLS 1.3)
   * @param extensions the entry's extensions (TLS 1.3 only; empty otherwise)
   */
  public record Entry(Bytes certificate, List<Extension> extensions) {
    public Entry {
      requireNonNull(certificate, "certificate");
      extensions = List.copyOf(extensions);
    }
  }

  public CertificateMessage {
    requireNonNull(requestContext, "requestContext");
    entries = List.copyOf(entries);
    if (!tls13 && (!requestContext.isEmpty() || entries.stream().anyMatch(e -> !e.extensions().isEmpty()))) {
      throw new IllegalArgumentException("the TLS 1.2 shape has no request context and no extensions");
    }
  }

  /** The TLS 1.2 shape holding {@code certificates}, leaf first. */
  public static CertificateMessage tls12(List<Bytes> certificates) {
    return new CertificateMessage(false, Bytes.empty(),
        certificates.stream().map(c -> new Entry(c, List.of())).toList());
  }

  /** The DER certificates, leaf first. */
  public List<Bytes> certificates() {
    return entries.stream().map(Entry::certificate).toList();
  }

  @Override
  public int type() {
    return CERTIFICATE;
  }

  @Override
  public byte[] encodeBody() {
    WireWriter w = new WireWriter();
    if (tls13) {
      w.opaque8(requestContext);
      w.block24(b -> entries.forEach(e ->
          b.opaque24(e.certificate()).block16(x -> Extensions.encodeAll(x, e.extensions()))));
    } else {
      w.block24(b -> entries.forEach(e -> b.opaque24(e.certificate())));
    }
    return w.toByteArray();
  }

  /**
   * Decodes a body, trying the TLS 1.2 shape first and the TLS 1.3 shape when that does not fit exactly.
   *
   * @throws TlsDecodeException when neither fits (the TLS 1.2 error is reported)
   */
  public static CertificateMessage decode(byte[] body) {
    return decode(new WireReader(body));
  }

  /**
   * Decodes a body in the TLS 1.3 shape only, as a reader that knows the version does (the TLS 1.2 shape can fit the
   * same bytes by chance).
   *
   * @throws TlsDecodeException for malformed bytes, naming the field and the offset into {@code body}
   */
  public static CertificateMessage decodeTls13(byte[] body) {
    return decode13(new WireReader(body));
  }

  static CertificateMessage decode(WireReader r) {
    WireReader copy = r.copy();
    try {
      return decode12(r);
    } catch (TlsDecodeException e12) {
      try {
        return decode13(copy);
      } catch (TlsDecodeException e13) {
        throw e12;
      }
    }
  }

  /*
   * opaque ASN.1Cert<1..2^24-1>;
   * struct {
   *     ASN.1Cert certificate_list<0..2^24-1>;
   * } Certificate;
   */
  static CertificateMessage decode12(WireReader r) {
    WireReader list = r.block24("Certificate.certificate_list", 0);
    List<Entry> entries = new ArrayList<>();
    while (list.hasRemaining()) {
      checkCount(list, entries.size());
      entries.add(new Entry(list.block24("Certificate.certificate_list.ASN.1Cert", 1).rest(), List.of()));
    }
    r.expectEnd("Certificate");
    return new CertificateMessage(false, Bytes.empty(), entries);
  }

  /*
   * struct {
   *     select (certificate_type) {
   *         case RawPublicKey: opaque ASN1_subjectPublicKeyInfo<1..2^24-1>;
   *         case X509:         opaque cert_data<1..2^24-1>;
   *     };
   *     Extension extensions<0..2^16-1>;
   * } CertificateEntry;
   * struct {
   *     opaque certificate_request_context<0..2^8-1>;
   *     CertificateEntry certificate_list<0..2^24-1>;
   * } Certificate;
   */
  static CertificateMessage decode13(WireReader r) {
    Bytes context = r.block8("Certificate.certificate_request_context", 0).rest();
    WireReader list = r.block24("Certificate.certificate_list", 0);
    List<Entry> entries = new ArrayList<>();
    while (list.hasRemaining()) {
      checkCount(list, entries.size());
      Bytes cert = list.block24("Certificate.certificate_list.cert_data", 1).rest();
      List<Extension> extensions = Extensions.decodeAll(
          list.block16("Certificate.certificate_list.extensions", 0), ExtensionContext.CERTIFICATE);
      entries.add(new Entry(cert, extensions));
    }
    r.expectEnd("Certificate");
    return new CertificateMessage(true, context, entries);
  }

  private static void checkCount(WireReader list, int count) {
    if (count == MAX_CERTIFICATES) {
      throw list.error("Certificate.certificate_list", "more than " + MAX_CERTIFICATES + " certificates");
    }
  }
}
