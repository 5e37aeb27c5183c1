package io.tlsprobe.probe;

import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.starttls.StartTlsClient;
import io.tlsprobe.starttls.StartTlsException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The STARTTLS command-injection check on its own connection: the upgrade command with a harmless command pipelined
 * in the same packet, a TLS handshake, then the dialect tells whether the server answered the pipelined command inside
 * TLS. Bounded by the handshake timeout per phase and by the probe's total deadline. Run only after the probe's own
 * upgrade and handshake completed, so a server that ends the check connection's handshake before its ServerHello
 * (dovecot and vsftpd pass the pipelined bytes to their TLS library, which rejects them as "wrong version number")
 * did not run the command inside TLS; only a timeout leaves the check inconclusive.
 */
final class InjectionProbe {
  private InjectionProbe() {}

  static InjectionCheck run(ProbeOptions options, InetSocketAddress address, SecureRandom random, Deadline total) {
    StartTlsClient client = StartTlsClient.injectionCheck(options.startTls(), Probe.serviceName(options));
    if (total.expired()) {
      return client.injectionResult("not run: " + total.describe() + " ran out before the check");
    }
    Connection connection;
    try {
      connection = Connection.open(address, Deadline.after(options.connectTimeout(), "connect").min(total));
    } catch (IOException e) {
      return client.injectionResult("no connection for the check: " + TransportFailures.describe(e, address.toString()));
    }
    try (connection) {
      try {
        Probe.upgrade(client, connection, Deadline.after(options.handshakeTimeout(), "STARTTLS").min(total));
      } catch (StartTlsException e) {
        return client.injectionResult("the upgrade with a pipelined command failed: " + e.getMessage());
      }
      RecordingTrustManager recorder = new RecordingTrustManager();
      SSLContext context = EngineSetup.context(options, recorder, random);
      SSLEngine engine = EngineSetup.engine(context, options);
      Deadline handshake = Deadline.after(options.handshakeTimeout(), "handshake").min(total);
      Deadline after = Deadline.after(options.handshakeTimeout(), "after-TLS").min(total);
      JsseAttempt attempt = JsseAttempt.run(engine, connection, recorder, handshake,
          new JsseAttempt.AfterHandshake(after, client::afterTls));
      if (!attempt.established() && attempt.received().serverHello().isEmpty() && attempt.timedOut() == null) {
        InjectionCheck base = client.injectionResult("");
        return new InjectionCheck(InjectionVerdict.NOT_VULNERABLE, base.injectedCommand(),
            "the server took the pipelined " + base.injectedCommand() + " for the start of the TLS handshake and "
                + howItEnded(attempt) + " before any ServerHello, while the probe's own upgrade completed: the command"
                + " never ran inside TLS", base.transcript());
      }
      if (!attempt.established()) {
        String why = attempt.notTls()
            ? "the server sent bytes that are not TLS after its go-ahead: "
                + new String(attempt.receivedBytes(), java.nio.charset.StandardCharsets.ISO_8859_1).strip()
            : attempt.failure() != null ? String.valueOf(attempt.failure().getMessage())
                : attempt.timedOut() != null ? attempt.timedOut().describe() + " ran out"
                    : "the server closed the connection";
        return client.injectionResult("the TLS handshake on the check connection failed: " + why);
      }
      return client.injectionResult("the check connection ended before the answer inside TLS");
    }
  }

  private static String howItEnded(JsseAttempt attempt) {
    if (attempt.received().fatalAlert().isPresent()) {
      return "answered with the alert " + Refusals.describe(attempt.received().fatalAlert().get());
    }
    if (attempt.notTls()) {
      return "answered in clear («" + new String(attempt.receivedBytes(), java.nio.charset.StandardCharsets.ISO_8859_1)
          .strip() + "»)";
    }
    if (attempt.transportFailure() != null) {
      return "reset the connection";
    }
    return "closed the connection";
  }
}
