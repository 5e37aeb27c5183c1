package io.tlsprobe.scan;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.Finding;
import io.tlsprobe.wire.EncryptedExtensions;
import io.tlsprobe.wire.ServerHello;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The ALPN protocols a server accepts (RFC 7301 section 3.2), by elimination over {@link #CANDIDATES}: the feature
 * hello offered them all and its ServerHello named the first; each next hello offers those not yet named, until the
 * server names none (or refuses with {@code no_application_protocol}). A server that follows its own preference names
 * them in that order. Whose order decides is clear when a later pick came before an earlier one in the hello that
 * found the earlier one; else one more hello offers the picks reversed. Before TLS 1.3 the pick is in the ServerHello;
 * in TLS 1.3 ({@link #tls13}) in the EncryptedExtensions, which each hello's answer is decrypted up to
 * ({@link Tls13FirstFlight}).
 */
final class AlpnScan {
  /**
   * The protocol IDs offered: IANA's "TLS Application-Layer Protocol Negotiation (ALPN) Protocol IDs" registry
   * (https://www.iana.org/assignments/tls-extensiontype-values) as of 2025, without the QUIC-only ones ({@code h3},
   * {@code doq}) and {@code h2c} (cleartext HTTP/2, never negotiated over TLS), plus {@code spdy/3.1}, which nginx and
   * older servers announce without a registration. The HTTP ones first, newest first.
   */
  static final List<String> CANDIDATES = List.of("h2", "http/1.1", "http/1.0", "http/0.9", "spdy/3.1", "spdy/3",
      "spdy/2", "spdy/1", "acme-tls/1", "stun.turn", "stun.nat-discovery", "webrtc", "c-webrtc", "ftp", "imap", "pop3",
      "managesieve", "coap", "xmpp-client", "xmpp-server", "mqtt", "dot", "ntske/1", "sunrpc", "smb", "irc", "nntp",
      "nnsp", "sip/2", "tds/8.0", "dicom", "postgresql", "radius/1.0", "radius/1.1");

  /** One question of the elimination: which of {@code offered} the server picks. */
  private interface Ask {
    Pick ask(List<String> offered);
  }

  /**
   * The answer to one question.
   *
   * @param protocol the protocol the server picked, if it picked one
   * @param failure why no answer could be had (the question failed); empty when the server answered
   */
  private record Pick(Optional<String> protocol, Optional<String> failure) {}

  private final String where;
  private final Ask ask;

  /**
   * What the elimination found.
   *
   * @param finding whether any protocol was chosen, with the evidence and whose order decides
   * @param protocols the protocols accepted, in the server's order when it has one, else in the order found
   * @param gap what could not be found out
   */
  record Result(Finding finding, List<String> protocols, Optional<String> gap) {}

  private AlpnScan(String where, Ask ask) {
    this.where = where;
    this.ask = ask;
  }

  /** The elimination in {@code version} (before TLS 1.3), each hello offering {@code suites}. */
  AlpnScan(Connector connector, Hellos hellos, TlsProtocol version, List<Integer> suites) {
    this("the " + version.jsseName() + " ServerHello", offered -> {
      Answer a = FeatureReply.ask(connector, hellos.custom(version, List.copyOf(suites),
          b -> b.alpn(offered.toArray(String[]::new)))).answer();
      return new Pick(a.hello().flatMap(ServerHello::alpn), a.kind() == Answer.Kind.FAILED
          ? Optional.of(a.detail()) : Optional.empty());
    });
  }

  /**
   * The elimination in TLS 1.3, each hello offering {@code suites} (ones the scan can open) and {@code group} (one
   * the server took) and read up to its decrypted EncryptedExtensions.
   */
  static AlpnScan tls13(Connector connector, Hellos hellos, int group, List<Integer> suites) {
    List<Integer> offered = List.copyOf(suites);
    return new AlpnScan("the TLSv1.3 EncryptedExtensions", protocols -> {
      Tls13FirstFlight.Reading r = Tls13FirstFlight.ask(connector, hellos.tls13Readable(group, offered,
          b -> b.alpn(protocols.toArray(String[]::new))), hellos.shares(), Tls13FirstFlight.Until.ENCRYPTED_EXTENSIONS);
      if (r.extensions().isPresent() || r.answer().kind() == Answer.Kind.REFUSED) {
        return new Pick(r.extensions().flatMap(EncryptedExtensions::alpn), Optional.empty());
      }
      return new Pick(Optional.empty(), Optional.of(r.unread().orElse(r.answer().detail())));
    });
  }

  /** The elimination, after {@code featureHello} answered a hello offering every candidate. */
  Result run(ServerHello featureHello) {
    return run(featureHello.alpn());
  }

  /** The elimination, after the server picked {@code firstPick} (if any) from a hello offering every candidate. */
  Result run(Optional<String> firstPick) {
    Optional<String> first = firstPick.filter(CANDIDATES::contains);
    if (first.isEmpty()) {
      return new Result(Finding.no("no application_layer_protocol_negotiation in " + where + " to a hello offering "
          + CANDIDATES.size() + " protocols (" + CANDIDATES.get(0) + ", " + CANDIDATES.get(1) + ", …)"), List.of(),
          Optional.empty());
    }
    List<String> found = new ArrayList<>(List.of(first.get()));
    List<String> remaining = new ArrayList<>(CANDIDATES);
    remaining.remove(first.get());
    Optional<String> gap = Optional.empty();
    while (!remaining.isEmpty()) {
      Pick answer = ask.ask(remaining);
      Optional<String> pick = answer.protocol();
      if (answer.failure().isPresent()) {
        gap = Optional.of("after " + found + ": " + answer.failure().get());
        break;
      }
      if (pick.isEmpty() || !remaining.contains(pick.get())) {
        break; // no protocol named (or no_application_protocol): none left
      }
      found.add(pick.get());
      remaining.remove(pick.get());
    }
    String order = "";
    if (found.size() > 1 && gap.isEmpty()) {
      // a pick offered before an earlier pick in the hello that found the earlier one: the server's order decides
      boolean serverOrder = !inCandidateOrder(found) || laterFirstKept(found);
      order = serverOrder ? ", in its own order" : ", following the client's order";
    }
    return new Result(Finding.yes("application_layer_protocol_negotiation chose " + first.get() + " in " + where
        + "; by elimination over " + CANDIDATES.size() + " candidates it accepts " + String.join(", ", found) + order),
        found, gap);
  }

  private static boolean inCandidateOrder(List<String> found) {
    for (int i = 1; i < found.size(); i++) {
      if (CANDIDATES.indexOf(found.get(i)) < CANDIDATES.indexOf(found.get(i - 1))) {
        return false;
      }
    }
    return true;
  }

  /** Whether the server still names the first pick when the picks are offered in reverse: its order decides. */
  private boolean laterFirstKept(List<String> found) {
    List<String> reversed = new ArrayList<>(found);
    Collections.reverse(reversed);
    return ask.ask(reversed).protocol().map(found.get(0)::equals).orElse(false);
  }
}
