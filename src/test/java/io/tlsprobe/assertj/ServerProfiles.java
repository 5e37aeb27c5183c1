package io.tlsprobe.assertj;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.AcceptedCipherSuite;
import io.tlsprobe.report.CipherOrder;
import io.tlsprobe.report.Endpoint;
import io.tlsprobe.report.Finding;
import io.tlsprobe.report.ProtocolSupport;
import io.tlsprobe.report.ServerFeatures;
import io.tlsprobe.report.ServerProfile;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Hand-built server profiles for the profile assertions: a modern server (TLS 1.2 and 1.3, AEAD suites, server
 * order, x25519 and secp256r1, complete scan) and a legacy one (TLS 1.0 with RC4, TLS 1.2 with 3DES and CBC, client
 * order, cut short).
 */
public final class ServerProfiles {
  /** The modern profile's one-line summary. */
  public static final String MODERN_LINE =
      "ServerProfile[localhost:8443 (direct): TLSv1_2 (2 suites), TLSv1_3 (2 suites); 9 connections]";
  /** The legacy profile's one-line summary. */
  public static final String LEGACY_LINE = "ServerProfile[localhost:8443 (direct): TLSv1 (2 suites), TLSv1_2 (3 suites);"
      + " 12 connections; PARTIAL: server stopped answering after 12 connections]";

  private ServerProfiles() {}

  /** TLS 1.3 and 1.2 with AEAD suites in server order, x25519 and secp256r1; TLS 1.0 and 1.1 refused. */
  public static ServerProfile modern() {
    return new ServerProfile(Endpoint.direct("localhost", 8443), List.of(
        ProtocolSupport.refused(TlsProtocol.TLSv1),
        ProtocolSupport.refused(TlsProtocol.TLSv1_1),
        new ProtocolSupport(TlsProtocol.TLSv1_2, true, suites(0xc02f, 0xc030), CipherOrder.SERVER,
            List.of(NamedGroup.of(0x001d))),
        new ProtocolSupport(TlsProtocol.TLSv1_3, true, suites(0x1302, 0x1301), CipherOrder.SERVER,
            List.of(NamedGroup.of(0x001d), NamedGroup.of(0x0017)))),
        9, Duration.ofMillis(40), Optional.empty());
  }

  /** TLS 1.0 with RC4, TLS 1.2 with 3DES and ECDHE CBC, client order in both, partial. */
  public static ServerProfile legacy() {
    return new ServerProfile(Endpoint.direct("localhost", 8443), List.of(
        new ProtocolSupport(TlsProtocol.TLSv1, true, suites(0xc013, 0x0005), CipherOrder.CLIENT, List.of()),
        ProtocolSupport.refused(TlsProtocol.TLSv1_1),
        new ProtocolSupport(TlsProtocol.TLSv1_2, true, suites(0xc02f, 0x000a, 0xc013), CipherOrder.CLIENT,
            List.of(NamedGroup.of(0x0017)))),
        12, Duration.ofMillis(80), Optional.of("server stopped answering after 12 connections"));
  }

  /** {@link #modern()} with what a TLS 1.2 + 1.3 OpenSSL server answers: every feature but compression and ALPN. */
  public static ServerProfile modernWithFeatures() {
    return modern().with(new ServerFeatures(
        Finding.no("compression method null (0) in the TLSv1.2 ServerHello, though DEFLATE (1) was offered first"),
        Finding.yes("renegotiation_info in the TLSv1.2 ServerHello"),
        Finding.yes("alert inappropriate_fallback to a TLSv1.2 hello with TLS_FALLBACK_SCSV (the server accepts"
            + " TLSv1.3)"),
        Finding.yes("extended_master_secret in the TLSv1.2 ServerHello"),
        Finding.notApplicable("no CBC cipher suite is accepted"),
        Finding.yes("session_ticket in the TLSv1.2 ServerHello"),
        Finding.no("no status_request in the TLSv1.2 ServerHello to a hello offering it"),
        Finding.no("no heartbeat in the TLSv1.2 ServerHello to a hello offering it"),
        Finding.no("no application_layer_protocol_negotiation in the TLSv1.2 ServerHello"), List.of()), List.of());
  }

  /** {@link #legacy()} with a server that compresses and answers neither renegotiation_info nor the SCSV. */
  public static ServerProfile legacyWithFeatures() {
    Finding unknown = Finding.unknown("not asked");
    return legacy().with(new ServerFeatures(
        Finding.yes("compression method DEFLATE (1) in the TLSv1.2 ServerHello, offered before null (0)"),
        Finding.no("no renegotiation_info in the TLSv1.2 ServerHello to a hello offering it"),
        Finding.no("a TLS 1.0 ServerHello to a TLSv1 hello with TLS_FALLBACK_SCSV, though the server accepts TLSv1.2"),
        unknown, unknown, unknown, unknown, unknown, unknown, List.of()), List.of());
  }

  /** {@link #modern()} as if it accepted TLS 1.3 alone: what TLS 1.3 removed is not applicable. */
  public static ServerProfile tls13OnlyFeatures() {
    Finding notApplicable = Finding.notApplicable("the server accepts only TLSv1.3");
    return modern().with(new ServerFeatures(notApplicable,
        Finding.notApplicable("the server accepts only TLSv1.3, which forbids renegotiation (RFC 8446 section 4.1.2)"),
        Finding.notApplicable("the server accepts only TLSv1.3: there is no lower version to fall back to"),
        notApplicable, notApplicable, Finding.unknown("encrypted"), Finding.unknown("encrypted"),
        Finding.unknown("encrypted"), Finding.unknown("encrypted"), List.of()), List.of());
  }

  private static List<AcceptedCipherSuite> suites(int... codes) {
    return Arrays.stream(codes).mapToObj(c -> AcceptedCipherSuite.of(CipherSuite.of(c))).toList();
  }
}
