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
 */
final class GroupScan {
  private final Connector connector;
  private final Hellos hellos;
  private final boolean tls13;
  private final List<NamedGroup> known;

  /**
   * What one group scan found.
   *
   * @param version the version scanned
   * @param groups the groups accepted, in the order the server named them
   * @param gap what could not be found out
   */
  record Result(TlsProtocol version, List<NamedGroup> groups, Optional<String> gap) {}

  /**
   * A scan of TLS 1.3's groups ({@code tls13}) or of TLS 1.2's ECDHE curves; the {@code known} groups (seen while
   * the suites were scanned) are not asked for again.
   */
  GroupScan(Connector connector, Hellos hellos, boolean tls13, List<NamedGroup> known) {
    this.connector = connector;
    this.hellos = hellos;
    this.tls13 = tls13;
    this.known = List.copyOf(known);
  }

  Result run() {
    TlsProtocol offered = tls13 ? TlsProtocol.TLSv1_3 : TlsProtocol.TLSv1_2;
    List<Integer> suites = tls13 ? Hellos.suiteCandidates(TlsProtocol.TLSv1_3) : Hellos.ecdheSuites();
    List<Integer> remaining = new ArrayList<>(tls13 ? Hellos.groupCandidates(offered) : Hellos.curveCandidates());
    List<NamedGroup> found = new ArrayList<>(known);
    known.forEach(g -> remaining.remove(Integer.valueOf(g.code())));
    TlsProtocol version = offered;
    String what = offered.displayName() + " groups, after ";
    while (!remaining.isEmpty()) {
      Answer answer = Answer.of(connector.converse(hellos.groups(offered, suites, remaining), Answer::complete));
      if (answer.kind() == Answer.Kind.REFUSED) {
        break;
      }
      if (answer.kind() == Answer.Kind.FAILED) {
        return new Result(version, found, Optional.of(what + found.size() + " found: " + answer.detail()));
      }
      ServerHello hello = answer.hello().orElseThrow();
      if (hello.selectedVersion() != offered.wireVersion()) {
        return new Result(version, found, Optional.of(what + found.size() + " found: the server answered with "
            + TlsProtocol.describeWireVersion(hello.selectedVersion())));
      }
      Optional<Integer> group = tls13 ? hello.keyShareGroup()
          : answer.keyExchange().flatMap(ServerKeyExchange::ecdhe).map(EcdheParams::namedGroup);
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
