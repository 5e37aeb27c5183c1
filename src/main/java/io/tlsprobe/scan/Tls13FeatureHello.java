package io.tlsprobe.scan;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.wire.HeartbeatExtension;
import io.tlsprobe.wire.StatusRequestExtension;
import java.util.List;
import java.util.Optional;

/**
 * The TLS 1.3 feature hello of a server that accepts only TLS 1.3, asked once per scan and read up to its decrypted
 * Certificate ({@link Tls13FirstFlight}): it offers the accepted suites the scan can open, key shares for x25519 and
 * secp256r1 (and only those groups, so that the server answers with a ServerHello rather than a HelloRetryRequest),
 * an OCSP {@code status_request} (RFC 8446 section 4.4.2.1), {@code heartbeat} (RFC 6520) and every ALPN candidate
 * (RFC 7301). Refused with {@code no_application_protocol}, it is asked again without ALPN. The feature questions
 * read its EncryptedExtensions and Certificate entries; the certificate questions take its chain, so the chain costs
 * no connection of its own ({@link Hellos#tls13FeatureHello}).
 *
 * <pre>{@code
 * Tls13FeatureHello.Result r = Tls13FeatureHello.ask(connector, hellos, List.of(0x1301, 0x1302));
 * r.reading().extensions().flatMap(EncryptedExtensions::alpn);
 * }</pre>
 */
final class Tls13FeatureHello {
  /** Heartbeat mode peer_allowed_to_send (RFC 6520 section 2). */
  private static final int PEER_ALLOWED_TO_SEND = 1;

  /**
   * The feature hello's answer.
   *
   * @param reading the answer, read up to the Certificate
   * @param suites the suites the hello offered (empty when none could be opened, and nothing was asked)
   * @param alpnRefused why the hello was asked again without ALPN; empty when it offered the candidates
   */
  record Result(Tls13FirstFlight.Reading reading, List<Integer> suites, Optional<String> alpnRefused) {
    Result {
      requireNonNull(reading, "reading");
      suites = List.copyOf(suites);
      requireNonNull(alpnRefused, "alpnRefused");
    }
  }

  private Tls13FeatureHello() {}

  /**
   * The answer to the feature hello offering {@code accepted} (the server's TLS 1.3 suites), asked on the first call
   * of the scan ({@code hellos}) and shared by the later ones.
   */
  static Result ask(Connector connector, Hellos hellos, List<Integer> accepted) {
    return hellos.tls13FeatureHello(() -> askNow(connector, hellos, accepted));
  }

  private static Result askNow(Connector connector, Hellos hellos, List<Integer> accepted) {
    List<Integer> suites = accepted.stream().filter(Tls13KeySchedule::opens).toList();
    if (suites.isEmpty()) {
      String names = String.join(", ", accepted.stream().map(s -> CipherSuite.of(s).name()).toList());
      return new Result(new Tls13FirstFlight.Reading(Answer.failed("not asked"), Optional.empty(), Optional.empty(),
          Optional.of("the server accepts only " + names + " in TLSv1.3, whose AEAD the JDK does not have (no CCM"
              + " cipher), so the scan cannot open its encrypted flight"), true), suites, Optional.empty());
    }
    Tls13FirstFlight.Reading reading = once(connector, hellos, suites, true);
    if (reading.answer().kind() == Answer.Kind.REFUSED && reading.answer().alert()
        .map(a -> a.description() == FeatureScan.NO_APPLICATION_PROTOCOL).orElse(false)) {
      String why = reading.answer().detail() + " to a TLSv1.3 hello offering every ALPN candidate";
      return new Result(once(connector, hellos, suites, false), suites, Optional.of(why));
    }
    return new Result(reading, suites, Optional.empty());
  }

  private static Tls13FirstFlight.Reading once(Connector connector, Hellos hellos, List<Integer> suites,
      boolean alpn) {
    byte[] hello = hellos.tls13Readable(suites, b -> {
      b.extension(StatusRequestExtension.ocsp()).extension(new HeartbeatExtension(PEER_ALLOWED_TO_SEND));
      if (alpn) {
        b.alpn(AlpnScan.CANDIDATES.toArray(String[]::new));
      }
    });
    return Tls13FirstFlight.ask(connector, hello, hellos.shares(), Tls13FirstFlight.Until.CERTIFICATE);
  }

}
