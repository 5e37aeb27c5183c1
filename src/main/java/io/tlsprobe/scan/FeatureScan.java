package io.tlsprobe.scan;

import io.tlsprobe.CipherMode;
import io.tlsprobe.CipherSuite;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.Finding;
import io.tlsprobe.report.ProtocolSupport;
import io.tlsprobe.report.ServerFeatures;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.ClientHelloBuilder;
import io.tlsprobe.wire.CertificateMessage;
import io.tlsprobe.wire.EncryptThenMacExtension;
import io.tlsprobe.wire.EncryptedExtensions;
import io.tlsprobe.wire.ExtendedMasterSecretExtension;
import io.tlsprobe.wire.ExtensionTypes;
import io.tlsprobe.wire.HeartbeatExtension;
import io.tlsprobe.wire.NewSessionTicket;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.SessionTicketExtension;
import io.tlsprobe.wire.StatusRequestExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The protocol features of {@link ServerFeatures}, asked once the versions and suites are known, with few hellos:
 *
 * <ol>
 *   <li>one <em>feature hello</em> in the newest version below TLS 1.3 the server accepts, offering its accepted
 *       suites, DEFLATE before null (RFC 3749 section 2), {@code renegotiation_info} (RFC 5746 section 3.4),
 *       {@code extended_master_secret} (RFC 7627 section 5.1), {@code encrypt_then_mac} (RFC 7366 section 2), an empty
 *       {@code session_ticket} (RFC 5077 section 3.2), an OCSP {@code status_request} (RFC 6066 section 8),
 *       {@code heartbeat} (RFC 6520 section 2) and every ALPN candidate (RFC 7301 section 3.1): what its ServerHello
 *       answers decides seven findings at once. Refused with {@code no_application_protocol} it is asked again without
 *       ALPN; refused otherwise, again without DEFLATE;
 *   <li>encrypt-then-MAC only means something for a CBC suite: when the feature hello's suite is not one, one hello
 *       offering only the accepted CBC suites (none accepted: not applicable);
 *   <li>TLS_FALLBACK_SCSV (RFC 7507 section 3): one hello for the second-newest accepted version carrying
 *       {@code 0x5600}; {@code inappropriate_fallback} says yes, a ServerHello no;
 *   <li>the ALPN protocols by elimination ({@link AlpnScan}): one hello per protocol accepted after the first, one more
 *       to end, and one to tell whose order decides when two or more are found.
 * </ol>
 *
 * <p>Given an executor, the TLS_FALLBACK_SCSV hello is asked beside the others, as its answer does not depend on
 * theirs.
 *
 * <p>A server that accepts only TLS 1.3 answers extensions in its encrypted EncryptedExtensions, Certificate and
 * NewSessionTicket messages. The scan opens the first two without finishing a handshake ({@link Tls13FeatureHello},
 * {@link Tls13FirstFlight}): one TLS 1.3 feature hello gives ALPN (then eliminated as above, each hello read up to its
 * EncryptedExtensions), heartbeat and OCSP stapling (status_request in the leaf's CertificateEntry); session tickets,
 * sent only after the client's Finished, stay unknown, and what TLS 1.3 removed (compression, renegotiation, extended
 * master secret, CBC) is not applicable.
 */
final class FeatureScan {
  /** The DEFLATE compression method (RFC 3749 section 2). */
  static final int DEFLATE = 1;
  /** TLS_FALLBACK_SCSV (RFC 7507 section 2). */
  static final int FALLBACK_SCSV = 0x5600;
  /** The inappropriate_fallback alert (RFC 7507 section 2). */
  static final int INAPPROPRIATE_FALLBACK = 86;
  /** The no_application_protocol alert (RFC 7301 section 3.2). */
  static final int NO_APPLICATION_PROTOCOL = 120;
  /** Heartbeat mode peer_allowed_to_send (RFC 6520 section 2). */
  private static final int PEER_ALLOWED_TO_SEND = 1;

  private final Connector connector;
  private final Hellos hellos;
  private final List<ProtocolSupport> accepted;
  private final List<String> gaps = new ArrayList<>();
  /** Where the fallback question runs beside the others; null: after them, on this thread. */
  private final @Nullable Executor beside;

  /** What the feature questions found, and what they could not find out. */
  record Result(ServerFeatures features, Optional<String> gap) {}

  /** Questions about the server whose versions and suites are {@code protocols}. */
  FeatureScan(Connector connector, Hellos hellos, List<ProtocolSupport> protocols) {
    this(connector, hellos, protocols, null);
  }

  /** Questions about the server whose versions and suites are {@code protocols}, the fallback one on {@code beside}. */
  FeatureScan(Connector connector, Hellos hellos, List<ProtocolSupport> protocols, @Nullable Executor beside) {
    this.connector = connector;
    this.hellos = hellos;
    this.beside = beside;
    this.accepted = protocols.stream()
        .filter(p -> p.accepted() && p.protocol() != TlsProtocol.SSLv2 && !p.suites().isEmpty())
        .sorted((a, b) -> a.protocol().compareTo(b.protocol()))
        .toList();
  }

  /** The same questions, with gaps of their own. */
  private FeatureScan(FeatureScan of) {
    this.connector = of.connector;
    this.hellos = of.hellos;
    this.beside = null;
    this.accepted = of.accepted;
  }

  Result run() {
    if (accepted.isEmpty()) {
      return new Result(ServerFeatures.unknown("no SSL 3.0 or TLS version was found accepted, so no feature was asked"
          + " about"), Optional.empty());
    }
    FeatureScan own = new FeatureScan(this);
    CompletableFuture<Finding> asked = beside == null ? CompletableFuture.completedFuture(own.fallback())
        : CompletableFuture.supplyAsync(own::fallback, beside);
    Optional<ProtocolSupport> legacy = accepted.stream()
        .filter(p -> !p.protocol().isAtLeast(TlsProtocol.TLSv1_3)).reduce((a, b) -> b);
    ServerFeatures features = legacy.map(p -> belowTls13(p, asked::join))
        .orElseGet(() -> tls13Only(asked.join()));
    List<String> all = new ArrayList<>(own.gaps); // the fallback question's first, as it was asked first
    all.addAll(gaps);
    return new Result(features, all.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", all)));
  }

  /** Everything from the feature hello in {@code support}'s version (the newest below TLS 1.3), plus ETM and ALPN. */
  private ServerFeatures belowTls13(ProtocolSupport support, Supplier<Finding> fallback) {
    TlsProtocol version = support.protocol();
    String v = version.jsseName();
    if (version == TlsProtocol.SSLv3) {
      return sslV3Only(fallback.get());
    }
    List<Integer> suites = codes(support.cipherSuites());
    boolean deflate = true;
    boolean alpn = true;
    String deflateRefused = "";
    String alpnRefused = "";
    FeatureReply reply;
    while (true) {
      reply = FeatureReply.ask(connector, hellos.custom(version, suites, featureExtras(deflate, alpn)));
      Answer a = reply.answer();
      if (a.kind() != Answer.Kind.REFUSED) {
        break;
      }
      if (alpn && a.alert().map(x -> x.description() == NO_APPLICATION_PROTOCOL).orElse(false)) {
        alpnRefused = a.detail() + " to a " + v + " hello offering every ALPN candidate";
        alpn = false;
      } else if (deflate) {
        deflateRefused = a.detail() + " to a " + v + " hello offering DEFLATE";
        deflate = false;
      } else {
        break;
      }
    }
    Answer answer = reply.answer();
    Optional<ServerHello> hello = answer.hello().filter(h -> h.selectedVersion() == version.wireVersion()
        && suites.contains(h.cipherSuite()));
    if (hello.isEmpty()) {
      String why = answer.kind() == Answer.Kind.FAILED ? answer.detail()
          : answer.kind() == Answer.Kind.REFUSED ? answer.detail() + " to a " + v + " hello offering its accepted"
              + " suites" + (deflate ? "" : " (before: " + deflateRefused + ")")
          : "the server answered a " + v + " hello with " + TlsProtocol.describeWireVersion(
              answer.hello().orElseThrow().selectedVersion()) + " and " + CipherSuite.of(
              answer.hello().orElseThrow().cipherSuite()).name();
      if (answer.kind() == Answer.Kind.FAILED) {
        gaps.add("features: " + why);
      }
      Finding u = Finding.unknown(why);
      return new ServerFeatures(u, u, fallback.get(), u, u, u, u, u, u, List.of());
    }
    ServerHelloFindings found = new ServerHelloFindings(hello.get(), v, reply.status());
    Finding compression = deflate ? found.compression()
        : Finding.no(deflateRefused + "; the same hello with null compression alone was accepted");
    AlpnScan.Result protocols = alpn
        ? new AlpnScan(connector, hellos, version, suites).run(hello.get())
        : new AlpnScan.Result(Finding.no(alpnRefused), List.of(), Optional.empty());
    protocols.gap().ifPresent(g -> gaps.add("ALPN: " + g));
    return new ServerFeatures(compression, found.renegotiation(), fallback.get(), found.extendedMasterSecret(),
        encryptThenMac(found), found.sessionTickets(), found.ocspStapling(), found.heartbeat(), protocols.finding(),
        protocols.protocols());
  }

  /** The extensions and compression methods of the feature hello (renegotiation_info is in every hello already). */
  private static Consumer<ClientHelloBuilder> featureExtras(boolean deflate, boolean alpn) {
    return b -> {
      if (deflate) {
        b.compressionMethods(DEFLATE, 0);
      }
      b.extension(new ExtendedMasterSecretExtension())
          .extension(new EncryptThenMacExtension())
          .extension(new SessionTicketExtension(Bytes.empty()))
          .extension(StatusRequestExtension.ocsp())
          .extension(new HeartbeatExtension(PEER_ALLOWED_TO_SEND));
      if (alpn) {
        b.alpn(AlpnScan.CANDIDATES.toArray(String[]::new));
      }
    };
  }

  /**
   * Encrypt-then-MAC from the feature hello when its suite is CBC; else one hello in the newest version with accepted
   * CBC suites, offering only those; not applicable without any.
   */
  private Finding encryptThenMac(ServerHelloFindings featureHello) {
    if (CipherSuite.of(featureHello.hello().cipherSuite()).mode() == CipherMode.CBC) {
      return featureHello.encryptThenMac();
    }
    Optional<ProtocolSupport> cbc = accepted.stream()
        .filter(p -> p.protocol().isAtLeast(TlsProtocol.TLSv1) && !p.protocol().isAtLeast(TlsProtocol.TLSv1_3))
        .filter(p -> p.cipherSuites().stream().anyMatch(s -> s.mode() == CipherMode.CBC))
        .reduce((a, b) -> b);
    if (cbc.isEmpty()) {
      return Finding.notApplicable("no CBC cipher suite is accepted, and encrypt_then_mac applies only to CBC suites"
          + " (RFC 7366 section 2)");
    }
    TlsProtocol version = cbc.get().protocol();
    List<Integer> suites = codes(cbc.get().cipherSuites().stream().filter(s -> s.mode() == CipherMode.CBC).toList());
    FeatureReply reply = FeatureReply.ask(connector,
        hellos.custom(version, suites, b -> b.extension(new EncryptThenMacExtension())));
    Optional<ServerHello> hello = reply.answer().hello()
        .filter(h -> h.selectedVersion() == version.wireVersion() && suites.contains(h.cipherSuite()));
    if (hello.isPresent()) {
      return new ServerHelloFindings(hello.get(), version.jsseName(), Optional.empty()).encryptThenMac();
    }
    return unknown(reply.answer(), "a " + version.jsseName() + " hello offering only its accepted CBC suites");
  }

  /**
   * TLS_FALLBACK_SCSV: a hello for the second-newest accepted version with {@code 0x5600} must be refused with
   * inappropriate_fallback (RFC 7507 section 3).
   */
  private Finding fallback() {
    if (accepted.size() < 2) {
      return Finding.notApplicable("the server accepts only " + accepted.get(0).protocol().jsseName()
          + ": there is no lower version to fall back to");
    }
    ProtocolSupport lower = accepted.get(accepted.size() - 2);
    String highest = accepted.get(accepted.size() - 1).protocol().jsseName();
    String v = lower.protocol().jsseName();
    List<Integer> suites = new ArrayList<>(codes(lower.cipherSuites()));
    suites.add(FALLBACK_SCSV);
    Answer answer = FeatureReply.ask(connector, hellos.custom(lower.protocol(), suites, b -> { })).answer();
    String hello = "a " + v + " hello with TLS_FALLBACK_SCSV";
    if (answer.kind() == Answer.Kind.REFUSED
        && answer.alert().map(a -> a.description() == INAPPROPRIATE_FALLBACK).orElse(false)) {
      return Finding.yes("alert inappropriate_fallback to " + hello + " (the server accepts " + highest + ")");
    }
    if (answer.kind() == Answer.Kind.HELLO) {
      ServerHello h = answer.hello().orElseThrow();
      return Finding.no("a " + TlsProtocol.describeWireVersion(h.selectedVersion()) + " ServerHello"
          + (downgradeSentinel(h) ? " (its random ending in RFC 8446's downgrade sentinel DOWNGRD)" : "") + " to "
          + hello + ", though the server accepts " + highest);
    }
    return unknown(answer, hello + " (expected inappropriate_fallback)");
  }

  /** Whether the random ends in "DOWNGRD" and 0x01 or 0x00 (RFC 8446 section 4.1.3): a newer server fell back. */
  static boolean downgradeSentinel(ServerHello hello) {
    byte[] random = hello.random().toArray();
    byte[] sentinel = "DOWNGRD".getBytes(StandardCharsets.US_ASCII);
    int at = random.length - 8;
    return at >= 0 && Arrays.equals(random, at, at + 7, sentinel, 0, 7) && (random[at + 7] & 0xfe) == 0;
  }

  /** The findings of a server whose only version below TLS 1.3 is SSL 3.0: its hellos carry no extensions. */
  private ServerFeatures sslV3Only(Finding fallback) {
    List<Integer> suites = codes(accepted.get(0).cipherSuites());
    FeatureReply reply = FeatureReply.ask(connector,
        hellos.custom(TlsProtocol.SSLv3, suites, b -> b.compressionMethods(DEFLATE, 0)));
    Optional<ServerHello> hello = reply.answer().hello().filter(h -> suites.contains(h.cipherSuite()));
    Finding u = Finding.unknown("the newest version the server accepts below TLS 1.3 is SSLv3, whose hellos carry"
        + " no extensions to ask with");
    if (hello.isEmpty()) {
      Finding why = unknown(reply.answer(), "an SSLv3 hello offering its accepted suites");
      return new ServerFeatures(why, why, fallback, u, u, u, u, u, u, List.of());
    }
    ServerHelloFindings found = new ServerHelloFindings(hello.get(), "SSLv3", Optional.empty());
    return new ServerFeatures(found.compression(), found.renegotiation(), fallback, u, u, u, u, u, u, List.of());
  }

  /**
   * A server that accepts TLS 1.3 alone: what TLS 1.3 removed is not applicable; ALPN and heartbeat are read from the
   * decrypted EncryptedExtensions of one feature hello ({@link Tls13FeatureHello}), OCSP stapling from its
   * Certificate's leaf entry, session tickets from what the server sends after that hello's handshake is finished.
   */
  private ServerFeatures tls13Only(Finding fallback) {
    String only = "the server accepts only TLSv1.3, ";
    ProtocolSupport tls13 = accepted.get(accepted.size() - 1);
    Tls13FeatureHello.Result asked = Tls13FeatureHello.ask(connector, hellos, codes(tls13.cipherSuites()));
    Tls13FirstFlight.Reading reading = asked.reading();
    Finding tickets = tls13Tickets(reading);
    Finding ocsp;
    Finding heartbeat;
    AlpnScan.Result alpn;
    Optional<EncryptedExtensions> ee = reading.extensions();
    if (ee.isEmpty()) {
      String why = reading.unread().orElse(reading.answer().detail());
      if (reading.answer().kind() == Answer.Kind.FAILED && !reading.impossible()) {
        gaps.add("features: the TLSv1.3 feature hello: " + why);
      }
      Finding u = Finding.unknown(only + "which answers in encrypted messages, and the answer to a TLSv1.3 hello"
          + " offering them could not be read: " + why);
      ocsp = u;
      heartbeat = u;
      alpn = new AlpnScan.Result(u, List.of(), Optional.empty());
    } else {
      String where = "the TLSv1.3 EncryptedExtensions";
      heartbeat = ee.get().extension(HeartbeatExtension.class)
          .map(h -> Finding.yes("heartbeat in " + where + (h.mode() == PEER_ALLOWED_TO_SEND ? " (peer_allowed_to_send)"
              : h.mode() == 2 ? " (peer_not_allowed_to_send)" : " (mode " + h.mode() + ")")))
          .orElseGet(() -> Finding.no("no heartbeat in " + where + " to a hello offering it"));
      alpn = asked.alpnRefused().isPresent()
          ? new AlpnScan.Result(Finding.no(asked.alpnRefused().get()), List.of(), Optional.empty())
          : AlpnScan.tls13(connector, hellos, asked.group(), asked.suites()).run(ee.get().alpn());
      alpn.gap().ifPresent(g -> gaps.add("ALPN: " + g));
      ocsp = reading.certificate().map(FeatureScan::stapled).orElseGet(() -> Finding.unknown("the TLSv1.3"
          + " Certificate, where a server staples OCSP (RFC 8446 section 4.4.2.1), could not be read: "
          + reading.unread().orElse("it was not sent")));
    }
    return new ServerFeatures(
        Finding.notApplicable(only + "whose hellos offer no compression (RFC 8446 section 4.1.2)"),
        Finding.notApplicable(only + "which forbids renegotiation (RFC 8446 section 4.1.2)"),
        fallback,
        Finding.notApplicable(only + "whose key schedule always binds the handshake transcript (RFC 8446 section"
            + " 7.1); extended_master_secret is for TLS 1.2 and older"),
        Finding.notApplicable(only + "which has no CBC cipher suites"),
        tickets, ocsp, heartbeat, alpn.finding(), alpn.protocols());
  }

  /**
   * Session tickets on a TLS 1.3-only server: a NewSessionTicket after the feature hello's handshake (RFC 8446
   * section 4.6.1), or the server's close after our Finished without one.
   */
  private static Finding tls13Tickets(Tls13FirstFlight.Reading reading) {
    if (reading.ticket().isPresent()) {
      NewSessionTicket t = reading.ticket().get();
      return Finding.yes("a TLSv1.3 NewSessionTicket after the handshake: lifetime " + t.lifetimeSeconds() + " s, "
          + t.ticket().length() + "-byte ticket" + t.maxEarlyDataSize().map(m -> ", early data up to " + m + " bytes")
          .orElse(""));
    }
    return reading.noTicket().map(Finding::no).orElseGet(() -> Finding.unknown("no TLSv1.3 handshake with the"
        + " server was finished, after which it would send tickets (RFC 8446 section 4.6.1): "
        + reading.unread().orElse(reading.answer().detail())));
  }

  /** OCSP stapling from a TLS 1.3 Certificate: status_request in the leaf's entry (RFC 8446 section 4.4.2.1). */
  private static Finding stapled(CertificateMessage certificate) {
    String where = "the leaf's CertificateEntry of the TLSv1.3 Certificate";
    if (certificate.entries().isEmpty()) {
      return Finding.unknown("the TLSv1.3 Certificate holds no certificate");
    }
    return certificate.entries().get(0).extensions().stream()
        .filter(e -> e.type() == ExtensionTypes.STATUS_REQUEST).findFirst()
        .map(e -> Finding.yes("status_request in " + where + ", with " + e.encodeData().length + " bytes of"
            + " CertificateStatus"))
        .orElseGet(() -> Finding.no("no status_request in " + where + " to a hello offering it"));
  }

  /** Unknown: the server refused {@code what} with something else, or did not answer (a gap of the scan). */
  private Finding unknown(Answer answer, String what) {
    if (answer.kind() == Answer.Kind.FAILED) {
      gaps.add("features: " + what + ": " + answer.detail());
      return Finding.unknown(what + ": " + answer.detail());
    }
    if (answer.kind() == Answer.Kind.REFUSED) {
      return Finding.unknown(answer.detail() + " to " + what);
    }
    ServerHello h = answer.hello().orElseThrow();
    return Finding.unknown("the server answered " + what + " with " + TlsProtocol.describeWireVersion(
        h.selectedVersion()) + " and " + CipherSuite.of(h.cipherSuite()).name());
  }

  static List<Integer> codes(List<CipherSuite> suites) {
    return suites.stream().map(CipherSuite::code).limit(Hellos.MAX_SUITES).toList();
  }
}
