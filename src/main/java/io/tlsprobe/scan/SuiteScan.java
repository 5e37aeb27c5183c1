package io.tlsprobe.scan;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.AcceptedCipherSuite;
import io.tlsprobe.report.CipherOrder;
import io.tlsprobe.report.ProtocolSupport;
import io.tlsprobe.wire.DheParams;
import io.tlsprobe.wire.EcdheParams;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.ServerKeyExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * One protocol version's cipher suites, found by elimination: offer the first {@value Hellos#MAX_SUITES} candidates
 * not yet decided, note the suite the server picks and take it out, and when the server refuses, take out every suite
 * that hello offered; until nothing is left. The cost is one connection per accepted suite plus one per refused
 * window. Then whose order decides (two accepted suites in both orders, the discovery hello being one of them) and,
 * when the server's does, its order: the picks are it already when each pick's hello held every later pick, else
 * elimination runs again over the accepted suites alone. Before TLS 1.3 each pick's answer also holds the server's
 * certificate chain in clear: the first for each kind of signing key is kept for {@link CertificateScan}.
 *
 * <p>Whose order decides is mostly learnt on the way: when the first pick led its hello, or only suites of another
 * authentication (which the server may lack a certificate for) came before it, the second hello offers it again,
 * last. A server that picks by the client's order then picks another suite, and the two picks were made in both
 * orders; a server that picks by its own picks the first again, and is known to once a suite that came before it
 * is accepted. Either way no separate hello is needed, where otherwise one often is.
 *
 * <p>TLS 1.3 hellos carry an empty key_share, so the server answers with a HelloRetryRequest that names its choice of
 * suite and of group: it computes no key and signs nothing, and the group of each TLS 1.3 pick is the one the
 * HelloRetryRequest selects (RFC 8446 section 4.1.4).
 *
 * <p>Once the first hello is answered with a pick (the version is accepted), the candidates beyond its window are
 * split into windows of their own, each eliminated by a task of its own beside the first window's, as each window's
 * picks do not depend on another's; their picks follow the first window's, in candidate order. A refused version
 * still costs one hello, and the findings are those of one elimination over all candidates: a server that picks by
 * the client's order picks in candidate order either way, and a server's own order is found as above.
 */
final class SuiteScan {
  private final Connector connector;
  private final Hellos hellos;
  private final TlsProtocol version;
  /** Runs the windows after the first; null: this scan is one window's, and the version is known to be accepted. */
  private final @Nullable Executor windows;
  private @Nullable String gap;
  /** Whose order decides, when the elimination already showed it. */
  private @Nullable CipherOrder learnt;
  /** The suites the first pick was chosen over when it was offered again, last. */
  private List<Integer> beatenByFirst = List.of();
  private final List<CertificateScan.Presented> presented = new ArrayList<>();
  /** One window's scan: what it picked. */
  private List<Pick> windowPicks = List.of();

  /** One pick: the suite the server chose from {@code offered}, and the key exchange it named with it. */
  private record Pick(AcceptedCipherSuite suite, List<Integer> offered) {
    int code() {
      return suite.cipherSuite().code();
    }
  }

  /**
   * What one version's scan found, and what it could not find out; before TLS 1.3 also the first certificate chain
   * seen per kind of signing key.
   */
  record Result(ProtocolSupport support, Optional<String> gap, List<CertificateScan.Presented> certificates) {
    Result {
      certificates = List.copyOf(certificates);
    }

    Result(ProtocolSupport support, Optional<String> gap) {
      this(support, gap, List.of());
    }
  }

  /** The scan of {@code version}, its windows after the first run on {@code windows}. */
  SuiteScan(Connector connector, Hellos hellos, TlsProtocol version, Executor windows) {
    this.connector = connector;
    this.hellos = hellos;
    this.version = version;
    this.windows = windows;
  }

  /** The elimination of one window of a version known to be accepted. */
  private SuiteScan(SuiteScan of) {
    this.connector = of.connector;
    this.hellos = of.hellos;
    this.version = of.version;
    this.windows = null;
  }

  Result run() {
    List<Pick> picks = eliminate(Hellos.suiteCandidates(version));
    if (picks.isEmpty()) {
      return new Result(ProtocolSupport.refused(version), Optional.ofNullable(gap), presented);
    }
    CipherOrder order = gap == null ? order(picks) : CipherOrder.UNDETERMINED;
    List<AcceptedCipherSuite> suites = picks.stream().map(Pick::suite).toList();
    if (order == CipherOrder.SERVER && !picksAreServerOrder(picks)) {
      suites = serverOrder(suites);
    }
    return new Result(new ProtocolSupport(version, true, suites, order, List.of()), Optional.ofNullable(gap),
        presented);
  }

  private List<Pick> eliminate(List<Integer> candidates) {
    List<Integer> remaining = new ArrayList<>(candidates);
    List<Pick> picks = new ArrayList<>();
    List<Future<SuiteScan>> others = new ArrayList<>();
    boolean reoffered = windows == null; // one window of many: its first pick is not the version's
    while (!remaining.isEmpty()) {
      boolean reoffer = !reoffered && picks.size() == 1 && worthReoffering(picks.get(0));
      reoffered |= reoffer;
      int fresh = Math.min(reoffer ? Hellos.MAX_SUITES - 1 : Hellos.MAX_SUITES, remaining.size());
      List<Integer> offer = new ArrayList<>(remaining.subList(0, fresh));
      if (reoffer) {
        offer.add(picks.get(0).code());
      }
      List<Integer> window = List.copyOf(offer);
      Answer answer = ask(window);
      if (answer.kind() == Answer.Kind.FAILED) {
        gap = version.displayName() + " cipher suites, after " + picks.size() + " found: " + answer.detail();
        break;
      }
      if (answer.kind() == Answer.Kind.REFUSED) {
        if (answer.refusedVersion() && picks.isEmpty()) {
          break;
        }
        remaining.subList(0, fresh).clear();
        continue;
      }
      ServerHello hello = answer.hello().orElseThrow();
      if (hello.selectedVersion() != version.wireVersion()) {
        if (!picks.isEmpty() || windows == null) {
          gap = version.displayName() + ": after accepting it the server answered with "
              + TlsProtocol.describeWireVersion(hello.selectedVersion());
        }
        break;
      }
      if (!window.contains(hello.cipherSuite())) {
        gap = version.displayName() + ": the server chose " + CipherSuite.of(hello.cipherSuite()).name()
            + ", which was not offered";
        break;
      }
      if (reoffer) {
        learn(picks.get(0), window, hello.cipherSuite());
        if (hello.cipherSuite() == picks.get(0).code()) {
          continue; // chosen again: nothing new, but the server's order is now half shown
        }
      }
      picks.add(new Pick(accepted(hello, answer.keyExchange()), window));
      keep(CipherSuite.of(hello.cipherSuite()), answer);
      remaining.remove(Integer.valueOf(hello.cipherSuite()));
      if (picks.size() == 1 && windows != null && remaining.size() >= fresh) {
        // the version is accepted: the candidates past this window get windows and tasks of their own
        List<Integer> rest = List.copyOf(remaining.subList(fresh - 1, remaining.size()));
        remaining.subList(fresh - 1, remaining.size()).clear();
        for (int i = 0; i < rest.size(); i += Hellos.MAX_SUITES) {
          List<Integer> part = rest.subList(i, Math.min(rest.size(), i + Hellos.MAX_SUITES));
          others.add(CompletableFuture.supplyAsync(() -> new SuiteScan(this).window(part), windows));
        }
      }
    }
    for (Future<SuiteScan> other : others) {
      join(other, picks);
    }
    return picks;
  }

  /** This one window's elimination, its picks left in {@link #windowPicks}. */
  private SuiteScan window(List<Integer> candidates) {
    windowPicks = eliminate(candidates);
    return this;
  }

  /** Another window's picks after {@code picks}, its chains where none of their kind was seen, its gap if any. */
  private void join(Future<SuiteScan> other, List<Pick> picks) {
    try {
      SuiteScan done = other.get();
      picks.addAll(done.windowPicks);
      done.presented.forEach(p -> {
        if (presented.stream().noneMatch(q -> CertificateScan.signer(q.suite()).equals(CertificateScan.signer(
            p.suite())))) {
          presented.add(p);
        }
      });
      if (gap == null) {
        gap = done.gap;
      }
    } catch (ExecutionException e) {
      gap = gap != null ? gap : version.displayName() + " cipher suites: a window failed: " + e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      other.cancel(true);
      gap = gap != null ? gap : version.displayName() + " cipher suites: interrupted";
    }
  }

  /**
   * Whether offering the first pick again, last, in the next hello is likely to show whose order decides for free:
   * when it led its hello, or only suites of other authentications (that the server may have no certificate for)
   * came before it. When suites it could have been chosen over came first, the next pick often shows it anyway.
   */
  private static boolean worthReoffering(Pick first) {
    String authentication = first.suite().cipherSuite().authentication();
    for (int code : first.offered()) {
      if (code == first.code()) {
        return true;
      }
      if (CipherSuite.of(code).authentication().equals(authentication)) {
        return false;
      }
    }
    return false;
  }

  /**
   * What the hello that offered {@code first} again, last, in {@code window} shows: the client's order when the
   * server chose a suite that came after {@code first} in the first hello and before it now.
   */
  private void learn(Pick first, List<Integer> window, int chosen) {
    if (chosen == first.code()) {
      beatenByFirst = window.subList(0, window.size() - 1);
      return;
    }
    int at = first.offered().indexOf(chosen);
    if (at > first.offered().indexOf(first.code())) {
      learnt = CipherOrder.CLIENT;
    }
  }

  /**
   * Whose order decides: what the elimination showed ({@link #learn}); else the server's when its first pick came
   * after its second in the discovery hello; else one more hello offering the second before the first.
   */
  private CipherOrder order(List<Pick> picks) {
    if (picks.size() < 2) {
      return CipherOrder.UNDETERMINED;
    }
    int first = picks.get(0).code();
    int second = picks.get(1).code();
    if (learnt != null) {
      return learnt;
    }
    if (beatenByFirst.contains(second)) {
      return CipherOrder.SERVER; // offered again after the second, the first was chosen over it
    }
    List<Integer> offered = picks.get(0).offered();
    int at = offered.indexOf(second);
    if (at >= 0 && at < offered.indexOf(first)) {
      return CipherOrder.SERVER;
    }
    Answer answer = ask(List.of(second, first));
    int chosen = answer.hello().map(ServerHello::cipherSuite).orElse(-1);
    if (chosen == first) {
      return CipherOrder.SERVER;
    }
    if (chosen == second) {
      return CipherOrder.CLIENT;
    }
    gap = version.displayName() + " cipher order: offered " + CipherSuite.of(second).name() + " and "
        + CipherSuite.of(first).name() + ", " + (answer.kind() == Answer.Kind.HELLO
            ? "the server chose " + CipherSuite.of(chosen).name() : "no choice: " + answer.detail());
    return CipherOrder.UNDETERMINED;
  }

  /** Whether every pick's hello offered every later pick: then the picks are in the server's order. */
  private static boolean picksAreServerOrder(List<Pick> picks) {
    for (int i = 0; i < picks.size(); i++) {
      for (int j = i + 1; j < picks.size(); j++) {
        if (!picks.get(i).offered().contains(picks.get(j).code())) {
          return false;
        }
      }
    }
    return true;
  }

  /** Elimination over the accepted suites alone: the server's order. On a failure the rest keep discovery order. */
  private List<AcceptedCipherSuite> serverOrder(List<AcceptedCipherSuite> accepted) {
    List<AcceptedCipherSuite> rest = new ArrayList<>(accepted);
    List<AcceptedCipherSuite> ordered = new ArrayList<>();
    while (rest.size() > 1) {
      List<Integer> offer = rest.stream().map(s -> s.cipherSuite().code()).limit(Hellos.MAX_SUITES).toList();
      Answer answer = ask(offer);
      int chosen = answer.hello().map(ServerHello::cipherSuite).orElse(-1);
      Optional<AcceptedCipherSuite> pick = rest.stream().filter(s -> s.cipherSuite().code() == chosen).findFirst();
      if (pick.isEmpty()) {
        gap = version.displayName() + " server order, after " + ordered.size() + " placed: "
            + (answer.kind() == Answer.Kind.HELLO ? "the server chose " + CipherSuite.of(chosen).name()
                : answer.detail());
        break;
      }
      ordered.add(pick.get());
      rest.remove(pick.get());
    }
    ordered.addAll(rest);
    return ordered;
  }

  /** The chain of {@code answer} when it is the first seen for its suite's kind of signing key. */
  private void keep(CipherSuite suite, Answer answer) {
    Optional<String> signer = CertificateScan.signer(suite);
    if (answer.certificate().isPresent() && signer.isPresent()
        && presented.stream().noneMatch(p -> CertificateScan.signer(p.suite()).equals(signer))) {
      presented.add(new CertificateScan.Presented(version, suite, answer.certificate().get()));
    }
  }

  /**
   * One hello offering {@code suites}. In TLS 1.3 with every group and an empty key_share: the server answers with a
   * HelloRetryRequest, which names the suite its ServerHello would use (<a
   * href="https://www.rfc-editor.org/rfc/rfc8446#section-4.1.4">RFC 8446 section 4.1.4</a>), and computes no key
   * share and signs nothing for it; the group of a TLS 1.3 pick is then the one the HelloRetryRequest selects.
   */
  private Answer ask(List<Integer> suites) {
    byte[] hello = version == TlsProtocol.TLSv1_3
        ? hellos.groups(version, suites, Hellos.groupCandidates(version))
        : hellos.suites(version, suites);
    return Answer.of(connector.converse(hello, Answer::complete));
  }

  /** The chosen suite with the group or DH prime size its key exchange named. */
  static AcceptedCipherSuite accepted(ServerHello hello, Optional<ServerKeyExchange> keyExchange) {
    CipherSuite suite = CipherSuite.of(hello.cipherSuite());
    if (hello.isHelloRetryRequest() || hello.selectedVersion() >= TlsProtocol.TLSv1_3.wireVersion()) {
      return new AcceptedCipherSuite(suite, hello.keyShareGroup().map(NamedGroup::of), Optional.empty());
    }
    Optional<NamedGroup> group = Hellos.namesCurve(suite)
        ? keyExchange.flatMap(ServerKeyExchange::ecdhe).map(EcdheParams::namedGroup).map(NamedGroup::of)
        : Optional.empty();
    Optional<Integer> bits = Hellos.carriesDhParams(suite)
        ? keyExchange.flatMap(ServerKeyExchange::dhe).map(DheParams::primeBits)
        : Optional.empty();
    return new AcceptedCipherSuite(suite, group, bits);
  }
}
