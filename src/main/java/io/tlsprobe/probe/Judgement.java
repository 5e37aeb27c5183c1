package io.tlsprobe.probe;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.CipherSuite;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.Outcome.TransportProblem;
import io.tlsprobe.wire.Alert;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.ServerHello;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * How a JSSE attempt ended, as a report {@link Outcome}, and whether a raw follow-up hello should ask the server what
 * it would have chosen: when it refused JSSE's offer before any ServerHello (alert protocol_version,
 * handshake_failure or insufficient_security, or closing the connection).
 *
 * @param outcome the outcome
 * @param wantsFallback whether to send the raw follow-up hello
 * @param ifServerStaysSilent the outcome to use instead when the follow-up finds no TLS either (the server closed or
 *     reset without a word both times), else null
 */
record Judgement(Outcome outcome, boolean wantsFallback, @Nullable Outcome ifServerStaysSilent) {
  private static final Set<Integer> REFUSALS = Set.of(40, 70, 71);

  static Judgement of(JsseAttempt a, Refusals refusals, String address) {
    FlightView received = a.received();
    Optional<ServerHello> hello = received.serverHello();
    if (a.established()) {
      return new Judgement(Outcome.established(), false, null);
    }
    if (a.notTls()) {
      return new Judgement(Outcome.transportError(TransportProblem.NOT_TLS,
          "server spoke something else: " + TransportFailures.render(a.receivedBytes()),
          Bytes.of(a.receivedBytes())), false, null);
    }
    Optional<Alert> alert = received.fatalAlert();
    if (alert.isPresent()) {
      String reason = "server sent " + Refusals.describe(alert.get())
          + hello.map(h -> " after choosing " + choice(h)).orElse(" in answer to " + offer(refusals));
      return new Judgement(Outcome.rejectedByPeer(Optional.of(AlertDescription.of(alert.get().description())), reason),
          hello.isEmpty() && REFUSALS.contains(alert.get().description()), null);
    }
    SSLException failure = a.failure();
    if (hello.isPresent() && failure != null) {
      String reason = refusals.whyRefused(hello.get())
          .orElse("JSSE aborted after the server chose " + choice(hello.get()) + ": " + failure.getMessage());
      return new Judgement(aborted(reason, a), false, null);
    }
    Deadline timedOut = a.timedOut();
    if (timedOut != null) {
      if (a.silentPeer()) {
        return new Judgement(Outcome.transportError(TransportProblem.TIMEOUT,
            "no answer from " + address + " within " + timedOut.describe(), Bytes.empty()), false, null);
      }
      return new Judgement(Outcome.abortedLocally("handshake timed out after "
          + Durations.format(timedOut.limit()) + " (" + timedOut.name() + " timeout) with "
          + received.bytesSummary() + hello.map(h -> ", after the server chose " + choice(h)).orElse("")),
          false, null);
    }
    IOException transport = a.transportFailure();
    if (a.peerClosed() || transport != null) {
      TransportProblem problem = transport == null ? TransportProblem.CLOSED : TransportFailures.classify(transport);
      String how = switch (problem) {
        case CLOSED -> "closed the connection";
        case RESET -> "reset the connection";
        default -> "failed: " + TransportFailures.describe(transport, address);
      };
      if (a.silentPeer()) {
        Outcome silent = Outcome.transportError(problem, "server " + how + " without sending anything", Bytes.empty());
        Outcome rejected = Outcome.rejectedByPeer(Optional.empty(),
            "server " + how + " without an alert in answer to " + offer(refusals));
        return new Judgement(rejected, true, silent);
      }
      String reason = "server " + how + " without an alert"
          + hello.map(h -> " after choosing " + choice(h)).orElse(" after sending " + received.bytesSummary());
      return new Judgement(Outcome.rejectedByPeer(Optional.empty(), reason), false, null);
    }
    String message = failure == null ? "the handshake ended for no reason JSSE gave" : failure.getMessage();
    if (a.sent().decoded().records().isEmpty()) {
      return new Judgement(Outcome.abortedLocally("JSSE could not start the handshake: " + message), false, null);
    }
    return new Judgement(aborted("JSSE rejected the server's bytes: " + message
        + received.problem().map(p -> " (the codec says: " + p + ")").orElse(""), a), false, null);
  }

  /** Aborted locally, with the alert we sent when one is readable. */
  private static Outcome aborted(String reason, JsseAttempt a) {
    Optional<AlertDescription> ours = a.sent().fatalAlert().map(x -> AlertDescription.of(x.description()));
    return new Outcome(Outcome.Kind.ABORTED_LOCALLY, reason, ours, Optional.empty(), Bytes.empty());
  }

  /** {@code TLSv1.2 with TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}. */
  static String choice(ServerHello hello) {
    String version = TlsProtocol.fromWireVersion(hello.selectedVersion()).map(TlsProtocol::jsseName)
        .orElse(TlsProtocol.describeWireVersion(hello.selectedVersion()));
    return version + " with " + CipherSuite.of(hello.cipherSuite()).name()
        + (hello.isHelloRetryRequest() ? " (in a HelloRetryRequest)" : "");
  }

  /** {@code JSSE's ClientHello (offering TLSv1.3, TLSv1.2)}. */
  static String offer(Refusals refusals) {
    return "JSSE's ClientHello (offering " + String.join(", ", refusals.enabledProtocols()) + ")";
  }
}
