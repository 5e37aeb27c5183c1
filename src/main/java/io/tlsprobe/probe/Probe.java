package io.tlsprobe.probe;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.Endpoint;
import io.tlsprobe.report.JsseDefects;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.Outcome.TransportProblem;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.report.Verification;
import io.tlsprobe.starttls.StartTlsClient;
import io.tlsprobe.starttls.StartTlsException;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.ServerHello;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * One probe from start to report: connect, the JSSE handshake with its transcript tap, the raw follow-up hello when
 * the server refused JSSE's offer, and the verdict on the certificate chain. One second connection when JSSE could
 * not decrypt a TLS 1.3 FFDHE flight ({@link FfdheSecretRetry}).
 */
final class Probe {
  private final ProbeOptions options;

  Probe(ProbeOptions options) {
    this.options = options;
  }

  TlsConnectionReport run() {
    Deadline total = Deadline.after(options.totalTimeout(), "total");
    X509TrustManager verdictTrust = TrustSource.trustManager(options.trustSource());
    SecureRandom random = new SecureRandom();
    Once first = once(total, verdictTrust, random);
    Optional<String> firstFailure = first.attempt() == null ? Optional.empty()
        : FfdheSecretRetry.reason(first.attempt());
    if (firstFailure.isEmpty() || total.expired()) {
      return first.report();
    }
    TlsConnectionReport second = once(total, verdictTrust, random).report();
    Outcome outcome = second.outcome();
    return second.toBuilder().outcome(withReason(outcome, outcome.reason()
        + "; " + JsseDefects.SECOND_CONNECTION + ": on the first, " + firstFailure.get())).build();
  }

  /** A report and, when a handshake was tried, the JSSE attempt it came from. */
  private record Once(TlsConnectionReport report, @Nullable JsseAttempt attempt) {}

  /** One connection: the JSSE handshake (after the STARTTLS upgrade), a raw follow-up hello if refused. */
  private Once once(Deadline total, X509TrustManager verdictTrust, SecureRandom random) {
    Instant startedAt = Instant.now();
    Endpoint endpoint = new Endpoint(options.host(), options.port(), options.serverName(),
        options.startTls().connectionName());
    RecordingTrustManager recorder = new RecordingTrustManager();
    SSLContext context = EngineSetup.context(options, recorder, random);
    SSLEngine engine = EngineSetup.engine(context, options);
    Refusals refusals = new Refusals(engine, context.getSupportedSSLParameters());
    TlsConnectionReport.Builder report = TlsConnectionReport.builder(endpoint, Outcome.established())
        .startedAt(startedAt);

    InetSocketAddress address;
    Connection connection;
    Deadline connect = Deadline.after(options.connectTimeout(), "connect").min(total);
    try {
      address = Resolver.resolve(options.host(), options.port(), connect);
      connection = Connection.open(address, connect);
    } catch (IOException e) {
      return new Once(report.outcome(connectFailure(e, endpoint)).build(), null);
    }
    StartTlsClient plain = options.startTls().isUpgrade() ? StartTlsClient.of(options.startTls(), serviceName(options))
        : null;
    JsseAttempt attempt;
    try (connection) {
      JsseAttempt.AfterHandshake after = null;
      if (plain != null) {
        try {
          upgrade(plain, connection, Deadline.after(options.handshakeTimeout(), "STARTTLS").min(total));
        } catch (StartTlsException e) {
          return new Once(report.plainTextPhase(e.phase())
              .outcome(Outcome.startTlsFailed(e.getMessage(), Bytes.empty())).build(), null);
        }
        after = new JsseAttempt.AfterHandshake(Deadline.after(options.handshakeTimeout(), "after-TLS").min(total),
            plain::afterTls);
      }
      Deadline handshake = Deadline.after(options.handshakeTimeout(), "handshake").min(total);
      attempt = JsseAttempt.run(engine, connection, recorder, handshake, after);
    }

    report.clientHello(attempt.sent().clientHello().orElse(null)).handshakeTime(attempt.handshakeTime());
    attempt.received().serverHello().ifPresent(h -> ReportFields.fromFlight(report, h, attempt.received()));
    report.ocspResponses(ReportFields.ocsp(attempt.received()));
    List<X509Certificate> chain = chainOf(attempt);
    SessionFacts session = attempt.session();
    if (session != null) {
      fromSession(report, session, attempt);
    }

    Judgement judgement = Judgement.of(attempt, refusals, endpoint.address());
    Outcome outcome = judgement.outcome();
    if (judgement.wantsFallback() && !total.expired()) {
      ClientHello hello = RawHello.build(options.serverName(), options.alpn(), random);
      RawAttempt.Upgrade upgrade = plain == null ? null
          : (c, d) -> upgrade(StartTlsClient.of(options.startTls(), serviceName(options)), c, d);
      RawAttempt raw = RawAttempt.run(address, hello, options.connectTimeout(), options.handshakeTimeout(), total,
          upgrade);
      FirstFlight flight = raw.flight();
      Optional<ServerHello> rawHello = flight == null ? Optional.empty() : flight.view().serverHello();
      if (flight != null && rawHello.isPresent()) {
        ReportFields.fromFlight(report, rawHello.get(), flight.view());
        report.ocspResponses(ReportFields.ocsp(flight.view()));
        if (chain.isEmpty()) {
          chain = ReportFields.chain(flight.view());
        }
        outcome = withReason(outcome, outcome.reason() + "; " + answered(hello, rawHello.get(), flight, refusals));
      } else {
        Outcome base = judgement.ifServerStaysSilent() != null ? judgement.ifServerStaysSilent() : outcome;
        outcome = withReason(base, base.reason() + "; " + unanswered(raw, endpoint.address()));
      }
    }
    report.outcome(outcome);
    if (plain != null) {
      if (plain.checksAuthenticationSeparately() && plain.phase().upgraded() && !total.expired()) {
        checkAuthentication(plain, address, total);
      }
      PlainTextPhase phase = plain.phase();
      if (options.startTlsInjectionCheck() && StartTlsClient.supportsInjectionCheck(options.startTls())
          && outcome.isEstablished()) {
        phase = phase.toBuilder().injection(InjectionProbe.run(options, address, random, total)).build();
      }
      report.plainTextPhase(phase);
    }
    if (!chain.isEmpty()) {
      certificates(report, chain, verdictTrust);
    }
    return new Once(report.build(), attempt);
  }

  /**
   * The name a dialect gives the server where its protocol asks for one (XMPP's {@code to}): the SNI name when one is
   * sent, else the host as given.
   */
  static String serviceName(ProbeOptions options) {
    return options.serverName().orElse(options.host());
  }

  /** The STARTTLS phase on {@code connection}, untapped: the codec's transcript starts with the ClientHello. */
  static void upgrade(StartTlsClient client, Connection connection, Deadline deadline) throws StartTlsException {
    connection.stopTapping();
    client.upgrade(new ConnectionChannel(connection, deadline));
    connection.startTapping();
  }

  /** The dialect's login check on a plain connection of its own (FTP: does the server take USER before AUTH TLS?). */
  private void checkAuthentication(StartTlsClient plain, InetSocketAddress address, Deadline total) {
    try (Connection side = Connection.open(address, Deadline.after(options.connectTimeout(), "connect").min(total))) {
      side.stopTapping();
      plain.checkAuthentication(new ConnectionChannel(side, Deadline.after(options.handshakeTimeout(), "login check")
          .min(total)));
    } catch (IOException e) {
      // no second connection: the answer stays unknown
    }
  }

  /** The facts of each certificate and the verdict; a certificate the facts cannot read does not lose the report. */
  private void certificates(TlsConnectionReport.Builder report, List<X509Certificate> chain,
      X509TrustManager trust) {
    List<CertificateInfo> infos = new ArrayList<>();
    for (X509Certificate c : chain) {
      try {
        infos.add(CertificateInfo.of(c));
      } catch (RuntimeException e) {
        break;
      }
    }
    report.certificates(infos);
    String hostname = options.serverName().orElse(options.host());
    try {
      report.verification(ChainVerifier.verify(chain, trust, options.trustStoreDescription(), hostname, Instant.now()));
    } catch (RuntimeException e) {
      report.verification(new Verification(false, List.of(new Verification.Problem(Verification.Kind.OTHER,
          "the chain could not be verified: " + e)), options.trustStoreDescription(), hostname));
    }
  }

  /** The chain as best known: JSSE's session, else what the trust manager saw, else the TLS 1.2 message. */
  private static List<X509Certificate> chainOf(JsseAttempt attempt) {
    SessionFacts session = attempt.session();
    if (session != null && !session.peerCertificates().isEmpty()) {
      return session.peerCertificates();
    }
    if (!attempt.recordedChain().isEmpty()) {
      return attempt.recordedChain();
    }
    return ReportFields.chain(attempt.received());
  }

  /** What only JSSE knows (TLS 1.3 hides ALPN and OCSP), and the protocol and suite if no ServerHello was read. */
  private static void fromSession(TlsConnectionReport.Builder report, SessionFacts session, JsseAttempt attempt) {
    if (attempt.received().serverHello().isEmpty()) {
      report.protocol(TlsProtocol.fromJsseName(session.protocol()).orElse(null))
          .cipherSuite(CipherSuite.byName(session.cipherSuite()).orElse(null));
    }
    if (session.applicationProtocol() != null) {
      report.applicationProtocol(session.applicationProtocol());
    }
    if (!session.ocspResponses().isEmpty()) {
      report.ocspResponses(session.ocspResponses());
    }
  }

  private static Outcome connectFailure(IOException e, Endpoint endpoint) {
    TransportProblem problem = TransportFailures.classify(e);
    String reason = e instanceof Connection.DeadlineExceeded d
        ? "no TCP connection to " + endpoint.address() + " within " + d.deadline().describe()
        : e instanceof java.net.UnknownHostException
            ? "cannot resolve " + endpoint.host()
            : TransportFailures.describe(e, endpoint.address());
    return Outcome.transportError(problem, reason, Bytes.empty());
  }

  /** The sentence saying what the server chose when offered everything. */
  private static String answered(ClientHello hello, ServerHello chosen, FirstFlight flight, Refusals refusals) {
    TlsConnectionReport.Builder scratch = TlsConnectionReport.builder(Endpoint.direct("-", 0), Outcome.established());
    ReportFields.fromFlight(scratch, chosen, flight.view());
    TlsConnectionReport r = scratch.build();
    String group = r.group().map(g -> ", group " + g.name())
        .orElse(r.dhPrimeBits().map(b -> ", DHE " + b + " bits").orElse(""));
    String why = refusals.whyRefused(chosen).map(s -> " (JSSE cannot accept that: " + s + ")")
        .orElse(" (JSSE offers that too: what it refused lies elsewhere, e.g. in extensions, groups or signature"
            + " schemes)");
    return "a raw follow-up ClientHello offering " + RawHello.describe(hello) + " was answered: the server chose "
        + Judgement.choice(chosen) + group + why;
  }

  private static String unanswered(RawAttempt raw, String address) {
    String prefix = "a raw follow-up ClientHello offering " + RawHello.describe(raw.hello());
    IOException connectFailure = raw.connectFailure();
    FirstFlight flight = raw.flight();
    if (connectFailure != null || flight == null) {
      return prefix + " could not connect: " + (connectFailure == null ? "unknown"
          : TransportFailures.describe(connectFailure, address));
    }
    Optional<String> alert = flight.view().fatalAlert().map(Refusals::describe);
    if (alert.isPresent()) {
      return prefix + " was refused too (" + alert.get() + ")";
    }
    Deadline timedOut = flight.timedOut();
    if (timedOut != null) {
      return prefix + " got no ServerHello within " + timedOut.describe();
    }
    IOException failure = flight.transportFailure();
    if (failure != null) {
      return prefix + " was refused too (" + TransportFailures.describe(failure, address) + ")";
    }
    return prefix + " was refused too (the server closed the connection"
        + (flight.view().problem().map(p -> " after bytes the codec could not read: " + p).orElse("")) + ")";
  }

  private static Outcome withReason(Outcome o, String reason) {
    return new Outcome(o.kind(), reason, o.alert(), o.transportProblem(), o.peerBytes());
  }
}
