package io.tlsprobe.scan;

import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.wire.EcdheParams;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.ServerKeyExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The key-exchange groups a server accepts, by elimination, without computing a key. TLS 1.3: every suite, the
 * remaining groups in supported_groups and an empty key_share, so a server that accepts one of them names it in a
 * HelloRetryRequest (RFC 8446 section 4.1.4); finite fields and post-quantum hybrids are found the same way. TLS 1.2:
 * every ECDHE suite and the remaining curves, the curve read from the ServerKeyExchange (RFC 8422 section 5.4). Each
 * group not already seen with the suites costs one connection, plus one for the refusal that ends the search.
 *
 * <p>A TLS 1.2 server with an ECDSA certificate also needs its certificate's curve in supported_groups (RFC 8422
 * section 5.1), so once the curves it was found with are taken out it refuses every ECDHE_ECDSA hello, whatever
 * other curves it has. For such a server a refusal is followed by one more hello that lists the curves found so far
 * after the remaining ones: a server that picks by the client's order then names a remaining curve it accepts, or a
 * found one when none is left.
 */
final class GroupScan {
  private final Connector connector;
  private final Hellos hellos;
  private final boolean tls13;
  private final List<NamedGroup> known;
  private final boolean ecdsa;

  /**
   * What one group scan found.
   *
   * @param version the version scanned
   * @param groups the groups accepted: those seen with the suites, then in the order the server named them
   * @param gap what could not be found out
   */
  record Result(TlsProtocol version, List<NamedGroup> groups, Optional<String> gap) {}

  /**
   * A scan of TLS 1.3's groups ({@code tls13}) or of TLS 1.2's ECDHE curves; the {@code known} groups (seen while
   * the suites were scanned) are not asked for again; {@code ecdsa}: the server accepted ECDHE_ECDSA suites.
   */
  GroupScan(Connector connector, Hellos hellos, boolean tls13, List<NamedGroup> known, boolean ecdsa) {
    this.connector = connector;
    this.hellos = hellos;
    this.tls13 = tls13;
    this.known = List.copyOf(known);
    this.ecdsa = ecdsa && !tls13;
  }

  Result run() {
    TlsProtocol version = tls13 ? TlsProtocol.TLSv1_3 : TlsProtocol.TLSv1_2;
    List<Integer> suites = tls13 ? Hellos.suiteCandidates(TlsProtocol.TLSv1_3) : Hellos.ecdheSuites();
    List<Integer> remaining = new ArrayList<>(tls13 ? Hellos.groupCandidates(version) : Hellos.curveCandidates());
    List<NamedGroup> found = new ArrayList<>(known);
    known.forEach(g -> remaining.remove(Integer.valueOf(g.code())));
    String what = version.displayName() + " groups, after ";
    boolean listFound = false;
    while (!remaining.isEmpty()) {
      List<Integer> offer = new ArrayList<>(remaining);
      if (listFound) {
        found.forEach(g -> offer.add(g.code()));
      }
      Answer answer = Answer.of(connector.converse(hellos.groups(version, suites, offer), Answer::complete));
      if (answer.kind() == Answer.Kind.REFUSED) {
        if (ecdsa && !listFound && !found.isEmpty()) {
          listFound = true;
          continue;
        }
        break;
      }
      if (answer.kind() == Answer.Kind.FAILED) {
        return new Result(version, found, Optional.of(what + found.size() + " found: " + answer.detail()));
      }
      ServerHello hello = answer.hello().orElseThrow();
      if (hello.selectedVersion() != version.wireVersion()) {
        return new Result(version, found, Optional.of(what + found.size() + " found: the server answered with "
            + TlsProtocol.describeWireVersion(hello.selectedVersion())));
      }
      Optional<Integer> group = tls13 ? hello.keyShareGroup()
          : answer.keyExchange().flatMap(ServerKeyExchange::ecdhe).map(EcdheParams::namedGroup);
      if (group.isPresent() && listFound && found.contains(NamedGroup.of(group.get()))) {
        break;
      }
      if (group.isEmpty() || !remaining.contains(group.get())) {
        return new Result(version, found, Optional.of(what + found.size() + " found: the server "
            + group.map(g -> "chose " + NamedGroup.of(g).name() + ", which was not offered")
                .orElse("named no group")));
      }
      found.add(NamedGroup.of(group.get()));
      remaining.remove(group.get());
    }
    return new Result(version, found, Optional.empty());
  }
}
