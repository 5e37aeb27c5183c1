package io.tlsprobe.scan;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.wire.HeartbeatExtension;
import io.tlsprobe.wire.PskKeyExchangeModesExtension;
import io.tlsprobe.wire.StatusRequestExtension;
import java.util.List;
import java.util.Optional;

/**
 * The TLS 1.3 feature hello of a server that accepts only TLS 1.3, asked once per scan, its handshake finished and
 * read up to the first NewSessionTicket ({@link Tls13FirstFlight}, {@link Tls13FirstFlight.Until#TICKETS}): it offers
 * the accepted suites the scan can open, one group with its key share (so that the server answers with a ServerHello
 * rather than a HelloRetryRequest), an OCSP {@code status_request} (RFC 8446 section 4.4.2.1), {@code heartbeat} (RFC
 * 6520), {@code psk_key_exchange_modes} psk_dhe_ke (without which a server sends no ticket, section 4.2.9) and every
 * ALPN candidate (RFC 7301). The group is secp256r1 first, whose share costs nothing ({@link KeyShares}); refused,
 * the hello is asked again with x25519. Refused with {@code no_application_protocol}, it is asked again without ALPN.
 * The feature questions read its EncryptedExtensions and Certificate entries; the certificate questions take its
 * chain, so the chain costs no connection of its own ({@link Hellos#tls13FeatureHello}).
 *
 * <pre>{@code
 * Tls13FeatureHello.Result r = Tls13FeatureHello.ask(connector, hellos, List.of(0x1301, 0x1302));
 * r.reading().extensions().flatMap(EncryptedExtensions::alpn);
 * }</pre>
 */
final class Tls13FeatureHello {
  /** Heartbeat mode peer_allowed_to_send (RFC 6520 section 2). */
  private static final int PEER_ALLOWED_TO_SEND = 1;
  /** PSK with (EC)DHE key establishment (RFC 8446 section 4.2.9): a server sends tickets only for a mode offered. */
  private static final int PSK_DHE_KE = 1;

  /**
   * The feature hello's answer.
   *
   * @param reading the answer, read up to the first NewSessionTicket
   * @param group the group the hello offered (the last one asked)
   * @param suites the suites the hello offered (empty when none could be opened, and nothing was asked)
   * @param alpnRefused why the hello was asked again without ALPN; empty when it offered the candidates
   */
  record Result(Tls13FirstFlight.Reading reading, int group, List<Integer> suites, Optional<String> alpnRefused) {
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
      return new Result(Tls13FirstFlight.Reading.unread(Answer.failed("not asked"), "the server accepts only " + names
          + " in TLSv1.3, whose AEAD the JDK does not have (no CCM cipher), so the scan cannot open its encrypted"
          + " flight", true), Hellos.SECP256R1, suites, Optional.empty());
    }
    Result r = withGroup(connector, hellos, Hellos.SECP256R1, suites);
    if (r.reading().answer().kind() != Answer.Kind.REFUSED) {
      return r;
    }
    Result x25519 = withGroup(connector, hellos, Hellos.X25519, suites);
    if (x25519.reading().answer().kind() != Answer.Kind.REFUSED) {
      return x25519;
    }
    String why = "the server refused a TLSv1.3 hello with secp256r1 (" + r.reading().answer().detail() + ") and one"
        + " with x25519 (" + x25519.reading().answer().detail() + "), the groups whose shared secret the scan can"
        + " compute";
    Tls13FirstFlight.Reading last = x25519.reading();
    return new Result(Tls13FirstFlight.Reading.unread(last.answer(), why, true), Hellos.X25519, suites,
        x25519.alpnRefused());
  }

  /** The hello with {@code group}; refused with no_application_protocol, again without ALPN. */
  private static Result withGroup(Connector connector, Hellos hellos, int group, List<Integer> suites) {
    Tls13FirstFlight.Reading reading = once(connector, hellos, group, suites, true);
    if (reading.answer().kind() == Answer.Kind.REFUSED && reading.answer().alert()
        .map(a -> a.description() == FeatureScan.NO_APPLICATION_PROTOCOL).orElse(false)) {
      String why = reading.answer().detail() + " to a TLSv1.3 hello offering every ALPN candidate";
      return new Result(once(connector, hellos, group, suites, false), group, suites, Optional.of(why));
    }
    return new Result(reading, group, suites, Optional.empty());
  }

  private static Tls13FirstFlight.Reading once(Connector connector, Hellos hellos, int group, List<Integer> suites,
      boolean alpn) {
    byte[] hello = hellos.tls13Readable(group, suites, b -> {
      b.extension(StatusRequestExtension.ocsp()).extension(new HeartbeatExtension(PEER_ALLOWED_TO_SEND))
          .extension(new PskKeyExchangeModesExtension(List.of(PSK_DHE_KE)));
      if (alpn) {
        b.alpn(AlpnScan.CANDIDATES.toArray(String[]::new));
      }
    });
    return Tls13FirstFlight.ask(connector, hello, hellos.shares(), Tls13FirstFlight.Until.TICKETS);
  }

}
