package io.tlsprobe.wire.oracle;

import static io.tlsprobe.wire.oracle.ClientFlights.SECP256R1;
import static io.tlsprobe.wire.oracle.ClientFlights.X25519;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.testing.Interop;
import io.tlsprobe.wire.Alert;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.CertificateMessage;
import io.tlsprobe.wire.CertificateStatus;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.ClientHelloBuilder;
import io.tlsprobe.wire.EncryptThenMacExtension;
import io.tlsprobe.wire.ExtensionTypes;
import io.tlsprobe.wire.KeyShareEntry;
import io.tlsprobe.wire.KeyShareExtension;
import io.tlsprobe.wire.MaxFragmentLengthExtension;
import io.tlsprobe.wire.RenegotiationInfoExtension;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.ServerKeyExchange;
import io.tlsprobe.wire.ServerNameExtension;
import io.tlsprobe.wire.SessionTicketExtension;
import io.tlsprobe.wire.TlsRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Real servers' first flights ({@code openssl s_server} on 127.0.0.1, one per configuration, answering hellos we
 * built), dissected by tshark at test time: every record and handshake message tshark finds in either direction
 * must equal, field by field, what our codec reads from the same bytes, and {@code tlsprobe decode --json} must
 * say the same about the server's bytes. Each test also checks that the configuration produced the flight it is
 * about (so a server that answers differently fails instead of proving nothing).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerFlightAgreesWithTsharkTest {
  private static final int TLS10 = 0x0301;
  private static final int SERVER_HELLO = 2;
  private static final int CERTIFICATE = 11;
  private static final int SERVER_KEY_EXCHANGE = 12;
  private static final int SERVER_HELLO_DONE = 14;
  private static final int CERTIFICATE_STATUS = 22;
  private static final int HANDSHAKE_FAILURE = 40;

  private final Agreement agreement = new Agreement();
  private @Nullable ServerFlightRunner runner;
  private @Nullable CliDecodeAgreement cli;
  private @Nullable TestPki pki;

  @BeforeAll
  void makeCertificatesOnce(@TempDir Path dir) {
    Path openssl = Interop.requireCommand("openssl");
    Path tshark = Interop.requireCommand("tshark");
    pki = TestPki.create(openssl, dir);
    runner = new ServerFlightRunner(openssl, tshark, dir, agreement);
    cli = new CliDecodeAgreement(agreement);
  }

  @AfterEach
  void killServersLeftRunning() {
    if (runner != null) {
      runner.close();
    }
  }

  @AfterAll
  void summary() {
    System.out.println(agreement.summary("live tshark agreement (server flights)"));
  }

  @Test
  void tls12EcdheRsaFlightWithAlpnAgreesWithTshark() {
    // given a TLS 1.2 server with an RSA certificate, only ECDHE-RSA-AES128-GCM-SHA256, and ALPN h2
    List<String> server = rsaServer("-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256", "-alpn", "h2");

    // when our TLS 1.2 hello (x25519 first, ALPN http/1.1 and h2) reaches it
    ServerFlight flight = converse(server, ClientFlights.tls12(0xc02f, 0x009e).alpn("http/1.1", "h2").build());

    // then the flight is ServerHello (h2), Certificate, ServerKeyExchange (x25519), ServerHelloDone, on both sides
    assertThat(flight.tsharkServerHandshakeTypes())
        .containsExactly(SERVER_HELLO, CERTIFICATE, SERVER_KEY_EXCHANGE, SERVER_HELLO_DONE);
    TsharkPdu serverHello = flight.tsharkServerMessage(SERVER_HELLO);
    assertThat(serverHello.value("tls.handshake.ciphersuite")).isEqualTo("0xc02f");
    assertThat(serverHello.values("tls.handshake.extensions_alpn_str")).containsExactly("h2");
    assertThat(flight.server().serverHello().flatMap(ServerHello::alpn)).contains("h2");
    assertThat(flight.tsharkServerMessage(SERVER_KEY_EXCHANGE).value("tls.handshake.server_named_curve"))
        .isEqualTo("0x001d");
    assertThat(flight.server().first(ServerKeyExchange.class).flatMap(ServerKeyExchange::ecdhe))
        .hasValueSatisfying(ecdhe -> assertThat(ecdhe.namedGroup()).isEqualTo(X25519));
    JsonNode json = cli().assertAgrees(flight);
    assertThat(json.path("messages").get(0).path("alpn").asString()).isEqualTo("h2");
    assertThat(json.path("messages").get(2).path("ecdhe").path("named_group_name").asString())
        .isEqualTo("x25519");
  }

  @Test
  void tls12EcdheEcdsaCbcFlightOnP384AgreesWithTshark() {
    // given a TLS 1.2 server with a P-256 ECDSA certificate, a CBC suite, ECDHE on P-384 only, and a
    // certificate for the server name our hellos send (so it acknowledges the name)
    List<String> server = List.of("-cert", pki().ecCert().toString(), "-key", pki().ecKey().toString(),
        "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA256", "-groups", "P-384",
        "-servername", ClientFlights.SERVER_NAME, "-cert2", pki().ecCert().toString(),
        "-key2", pki().ecKey().toString());

    // when our hello offering x25519, P-256 and P-384, encrypt_then_mac and a session ticket reaches it
    ServerFlight flight = converse(server, ClientFlights.tls12(0xc023, 0xc02b)
        .extension(new EncryptThenMacExtension()).extension(new SessionTicketExtension(Bytes.empty())).build());

    // then the server acknowledges the name (an empty server_name), accepts encrypt_then_mac and tickets, and
    // its ServerKeyExchange names secp384r1 (0x0018) with a 97-byte point, for tshark and for us
    ServerHello hello = flight.server().serverHello().orElseThrow();
    assertThat(hello.extension(ServerNameExtension.class)).contains(ServerNameExtension.empty());
    assertThat(hello.extensionTypes()).contains(ExtensionTypes.ENCRYPT_THEN_MAC, ExtensionTypes.SESSION_TICKET);
    TsharkPdu ske = flight.tsharkServerMessage(SERVER_KEY_EXCHANGE);
    assertThat(ske.value("tls.handshake.server_named_curve")).isEqualTo("0x0018");
    assertThat(ske.value("tls.handshake.server_point_len")).isEqualTo("97");
    assertThat(flight.server().first(ServerKeyExchange.class).flatMap(ServerKeyExchange::ecdhe))
        .hasValueSatisfying(ecdhe -> assertThat(ecdhe.publicPoint().length()).isEqualTo(97));
    cli().assertAgrees(flight);
  }

  @Test
  void tls12DheFlightInSmallRecordsAgreesWithTsharkOnA2048BitPrime() {
    // given a TLS 1.2 server doing DHE-RSA with the RFC 7919 ffdhe2048 group
    List<String> server = rsaServer("-tls1_2", "-cipher", "DHE-RSA-AES128-GCM-SHA256",
        "-dhparam", pki().dhParams().toString());

    // when our hello offering only that suite, and 512-byte records (max_fragment_length 1), reaches it
    ServerFlight flight = converse(server,
        ClientFlights.tls12(0x009e).extension(new MaxFragmentLengthExtension(1)).build());

    // then the ServerKeyExchange carries a 256-byte prime, read as 2048 bits by the codec and the CLI, and the
    // flight came in records of at most 512 bytes, its larger messages spread over several of them
    assertThat(flight.tsharkServerHandshakeTypes())
        .containsExactly(SERVER_HELLO, CERTIFICATE, SERVER_KEY_EXCHANGE, SERVER_HELLO_DONE);
    assertThat(flight.server().records()).hasSizeGreaterThan(4)
        .allSatisfy(r -> assertThat(r.fragment().length()).isLessThanOrEqualTo(512));
    assertThat(flight.tsharkServerMessage(SERVER_KEY_EXCHANGE).value("tls.handshake.p_len")).isEqualTo("256");
    assertThat(flight.server().first(ServerKeyExchange.class).flatMap(ServerKeyExchange::dhe))
        .hasValueSatisfying(dhe -> assertThat(dhe.primeBits()).isEqualTo(2048));
    JsonNode json = cli().assertAgrees(flight);
    assertThat(json.path("messages").get(2).path("dhe").path("prime_bits").asInt()).isEqualTo(2048);
  }

  @Test
  void tls12StaticRsaFlightHasTwoCertificatesAndNoKeyExchange() {
    // given a TLS 1.2 server with RSA key transport only, sending its CA after the leaf
    List<String> server = rsaServer("-tls1_2", "-cipher", "AES128-GCM-SHA256",
        "-cert_chain", pki().caCert().toString());

    // when our hello offering TLS_RSA_WITH_AES_128_GCM_SHA256 reaches it
    ServerFlight flight = converse(server, ClientFlights.tls12(0x009c).build());

    // then there is no ServerKeyExchange, and the Certificate message holds two certificates of the lengths
    // tshark reads
    assertThat(flight.tsharkServerHandshakeTypes()).containsExactly(SERVER_HELLO, CERTIFICATE, SERVER_HELLO_DONE);
    List<Integer> tsharkLengths = flight.tsharkServerMessage(CERTIFICATE)
        .values("tls.handshake.certificate_length").stream().map(Integer::parseInt).toList();
    assertThat(tsharkLengths).hasSize(2);
    assertThat(flight.server().first(CertificateMessage.class).orElseThrow().certificates())
        .extracting(Bytes::length).isEqualTo(tsharkLengths);
    cli().assertAgrees(flight);
  }

  @Test
  void tls12StapledOcspResponseAgreesWithTshark() throws Exception {
    // given a TLS 1.2 server that staples an OCSP response for its certificate
    List<String> server = rsaServer("-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256",
        "-status_file", pki().ocspResponse().toString());

    // when our hello asks for it with status_request
    ServerFlight flight = converse(server, ClientFlights.tls12WithStatusRequest(0xc02f).build());

    // then a CertificateStatus follows the Certificate, holding exactly the response the server was given
    Bytes stapled = Bytes.of(Files.readAllBytes(pki().ocspResponse()));
    assertThat(flight.tsharkServerHandshakeTypes())
        .containsExactly(SERVER_HELLO, CERTIFICATE, CERTIFICATE_STATUS, SERVER_KEY_EXCHANGE, SERVER_HELLO_DONE);
    assertThat(flight.server().first(CertificateStatus.class)).hasValueSatisfying(status -> {
      assertThat(status.statusType()).isEqualTo(CertificateStatus.OCSP);
      assertThat(status.response()).isEqualTo(stapled);
    });
    cli().assertAgrees(flight);
  }

  @Test
  void helloWithoutExtensionsGetsServerHelloWithoutExtensions() {
    // given a TLS 1.2 server with RSA key transport, at security level 0 (a hello without signature_algorithms
    // means SHA-1 signatures, RFC 5246 7.4.1.4.1)
    List<String> server = rsaServer("-tls1_2", "-cipher", "AES128-GCM-SHA256:@SECLEVEL=0");

    // when our hello without an extensions block (nor the renegotiation SCSV) reaches it
    ServerFlight flight = converse(server, ClientHello.builder().cipherSuites(0x009c).noExtensions().build());

    // then its ServerHello has no extensions block either, and the JA3S ends with an empty extension list
    ServerHello hello = flight.server().serverHello().orElseThrow();
    assertThat(hello.hasExtensionsBlock()).isFalse();
    TsharkPdu tsharkHello = flight.tsharkServerMessage(SERVER_HELLO);
    assertThat(tsharkHello.values("tls.handshake.extensions_length")).isEmpty();
    assertThat(tsharkHello.value("tls.handshake.ja3s_full")).isEqualTo("771,156,");
    cli().assertAgrees(flight);
  }

  @Test
  void tls10EcdheRsaFlightAgreesWithTshark() {
    // given a TLS 1.0-only server with ECDHE-RSA-AES128-SHA (allowed at security level 0)
    List<String> server = rsaServer("-tls1", "-cipher", "ECDHE-RSA-AES128-SHA:@SECLEVEL=0");

    // when our TLS 1.0 hello reaches it
    ServerFlight flight = converse(server, ClientHello.builder().legacyVersion(TLS10).cipherSuites(0xc013, 0x002f)
        .serverName(ClientFlights.SERVER_NAME).supportedGroups(X25519, SECP256R1).ecPointFormats(0)
        .extension(new RenegotiationInfoExtension(Bytes.empty())).build());

    // then everything is TLS 1.0: the records, the ServerHello, and a ServerKeyExchange signed without a
    // signature algorithm (RFC 4346 7.4.3), which tshark and we split the same way
    assertThat(flight.server().records()).allSatisfy(r -> assertThat(r.version()).isEqualTo(TLS10));
    assertThat(flight.server().serverHello().map(ServerHello::selectedVersion)).contains(TLS10);
    TsharkPdu ske = flight.tsharkServerMessage(SERVER_KEY_EXCHANGE);
    assertThat(ske.values("tls.handshake.sig_hash_alg")).isEmpty();
    assertThat(ske.value("tls.handshake.sig_len")).isEqualTo("256");
    cli().assertAgrees(flight);
  }

  @Test
  void tls13ServerHelloAgreesAndEncryptedRecordsStayOpaque() {
    // given a TLS 1.3-only server
    List<String> server = List.of("-cert", pki().ecCert().toString(), "-key", pki().ecKey().toString(), "-tls1_3");

    // when our TLS 1.3 hello with an x25519 key share reaches it
    ServerFlight flight = converse(server, ClientFlights.tls13(X25519, SECP256R1).build());

    // then both read one ServerHello (TLS 1.3, x25519), a ChangeCipherSpec, then only protected records
    assertThat(flight.tsharkServerHandshakeTypes()).containsExactly(SERVER_HELLO);
    ServerHello hello = flight.server().serverHello().orElseThrow();
    assertThat(hello.selectedVersion()).isEqualTo(0x0304);
    assertThat(hello.keyShareGroup()).contains(X25519);
    List<TlsRecord> records = flight.server().records();
    assertThat(records.get(1).contentType()).isEqualTo(TlsRecord.CHANGE_CIPHER_SPEC);
    assertThat(records.subList(2, records.size())).isNotEmpty()
        .allSatisfy(r -> assertThat(r.contentType()).isEqualTo(TlsRecord.APPLICATION_DATA));
    assertThat(flight.tsharkServerRecords().subList(2, records.size()))
        .allSatisfy(r -> assertThat(r.values("tls.record.opaque_type")).containsExactly("23"));
    cli().assertAgrees(flight);
  }

  @Test
  void tls13FlightWithoutMiddleboxCompatibilityAgreesWithTshark() {
    // given a TLS 1.3-only server without middlebox compatibility mode (RFC 8446 appendix D.4)
    List<String> server = List.of("-cert", pki().ecCert().toString(), "-key", pki().ecKey().toString(), "-tls1_3",
        "-no_middlebox");

    // when our TLS 1.3 hello with an empty session id reaches it
    ServerFlight flight = converse(server, ClientFlights.tls13(X25519).sessionId(Bytes.empty()).build());

    // then no ChangeCipherSpec comes: the protected records follow the ServerHello at once, and neither tshark
    // nor the codec reads anything in them
    List<TlsRecord> records = flight.server().records();
    assertThat(records.get(0).contentType()).isEqualTo(TlsRecord.HANDSHAKE);
    assertThat(records.subList(1, records.size())).isNotEmpty()
        .allSatisfy(r -> assertThat(r.contentType()).isEqualTo(TlsRecord.APPLICATION_DATA));
    assertThat(flight.server().messages()).singleElement().isInstanceOf(ServerHello.class);
    assertThat(flight.tsharkServerHandshakeTypes()).containsExactly(SERVER_HELLO);
    cli().assertAgrees(flight);
  }

  @Test
  void tls13HelloRetryRequestThenServerHelloAgreeWithTshark() {
    // given a TLS 1.3 server that only does P-256
    List<String> server = List.of("-cert", pki().ecCert().toString(), "-key", pki().ecKey().toString(),
        "-tls1_3", "-groups", "P-256");
    // and our hello with an x25519 key share only, then the same hello with a P-256 share
    ClientHelloBuilder builder = ClientFlights.tls13(X25519, SECP256R1)
        .random(ClientFlights.randomBytes(32)); // kept for the second hello, as RFC 8446 4.1.2 requires
    ClientHello first = builder.build();
    ClientHello second = builder
        .extension(KeyShareExtension.client(List.of(new KeyShareEntry(SECP256R1, ClientFlights.p256PublicKey()))))
        .build();

    // when both reach it in turn
    ServerFlight flight = runner().converse(server,
        List.of(ClientFlights.records(first), ClientFlights.records(second)));

    // then the server asked again for P-256, and its ServerHello after the ChangeCipherSpec is read by both
    assertThat(flight.tsharkServerHandshakeTypes()).containsExactly(SERVER_HELLO, SERVER_HELLO);
    assertThat(flight.tsharkServerMessages().get(0).value("tls.handshake.extensions_key_share_selected_group"))
        .isEqualTo("23");
    assertThat(flight.server().helloRetryRequest().flatMap(ServerHello::keyShareGroup)).contains(SECP256R1);
    assertThat(flight.server().serverHello().flatMap(ServerHello::keyShareGroup)).contains(SECP256R1);
    assertThat(flight.client().all(ClientHello.class)).containsExactly(first, second);
    JsonNode json = cli().assertAgrees(flight);
    assertThat(json.path("messages").get(0).path("type").asString()).isEqualTo("hello_retry_request");
  }

  @Test
  void handshakeFailureAlertAgreesWithTshark() {
    // given a TLS 1.2 server with only ECDHE-RSA-AES128-GCM-SHA256
    List<String> server = rsaServer("-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256");

    // when our hello offers only a suite it lacks
    ServerFlight flight = converse(server, ClientFlights.tls12(0x003d).build());

    // then it answers with one fatal handshake_failure alert and no handshake message
    assertThat(flight.tsharkServerMessages()).isEmpty();
    assertThat(flight.tsharkServerRecords()).singleElement().satisfies(r -> {
      assertThat(r.values("tls.alert_message.level")).containsExactly("2");
      assertThat(r.values("tls.alert_message.desc")).containsExactly(String.valueOf(HANDSHAKE_FAILURE));
    });
    assertThat(flight.server().fatalAlert()).contains(new Alert(Alert.FATAL, HANDSHAKE_FAILURE));
    cli().assertAgrees(flight);
  }

  private ServerFlight converse(List<String> server, ClientHello hello) {
    ServerFlight flight = runner().converse(server, List.of(ClientFlights.records(hello)));
    assertThat(flight.client().clientHello()).contains(hello);
    return flight;
  }

  private List<String> rsaServer(String... options) {
    List<String> all = new ArrayList<>(List.of(
        "-cert", pki().rsaCert().toString(), "-key", pki().rsaKey().toString()));
    all.addAll(List.of(options));
    return all;
  }

  private ServerFlightRunner runner() {
    return requireNonNull(runner, "runner");
  }

  private CliDecodeAgreement cli() {
    return requireNonNull(cli, "cli");
  }

  private TestPki pki() {
    return requireNonNull(pki, "pki");
  }
}
