package io.tlsprobe.testing;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.cert.HeldCertificate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * A small in-process SMTP server on 127.0.0.1 and an ephemeral port that speaks just enough ESMTP (RFC 5321) to
 * upgrade to JSSE with STARTTLS (RFC 3207), configurable to misbehave the ways a STARTTLS test needs: not advertising
 * the upgrade, refusing it, offering {@code AUTH} in clear or not, and the CVE-2011-0411 bug (answering, inside TLS, a
 * command that was pipelined in clear with {@code STARTTLS}).
 *
 * <p>It greets with {@link #GREETING}; answers {@code EHLO} with {@code STARTTLS}, {@code PIPELINING} and
 * {@code AUTH PLAIN LOGIN} (or {@code 8BITMIME} when AUTH is off); {@code STARTTLS} with
 * {@code 220 2.0.0 Ready to start TLS} (or {@code 454 4.7.0 TLS not available}); inside TLS {@code EHLO} with
 * {@code PIPELINING} and {@code AUTH PLAIN LOGIN}, and anything else with {@code 250 2.0.0 Ok}. Verbs match in any
 * case. Each connection is served on its own thread; {@link #close()} ends them all.
 *
 * <pre>{@code
 * try (SmtpFront front = SmtpFront.start()) {
 *   TlsConnectionReport report = TlsProbes.probe(
 *       ProbeOptions.builder(front.host(), front.port()).startTls(StartTls.SMTP).build());
 * }
 * try (SmtpFront buggy = SmtpFront.builder().answerInjectedCommands(true).start()) {
 *   // the injection check reports VULNERABLE
 * }
 * }</pre>
 */
public final class SmtpFront implements AutoCloseable {
  /** What the front says first. */
  public static final String GREETING = "220 front.test ESMTP";

  private final Session session;
  private final HostilePeer peer;

  private SmtpFront(Session session) throws IOException {
    this.session = session;
    this.peer = HostilePeer.start(session::serve);
  }

  /** A front with every default: STARTTLS and AUTH advertised, injected commands discarded. */
  public static SmtpFront start() throws IOException {
    return builder().start();
  }

  /** A builder; each setter names its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The loopback address it listens on. */
  public String host() {
    return "127.0.0.1";
  }

  /** Its ephemeral port, on {@link #host()}. */
  public int port() {
    return peer.port();
  }

  /** How many connections it accepted (the probe's injection check opens a second one). */
  public int connections() {
    return peer.connections();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    peer.close();
  }

  /** {@code SmtpFront[127.0.0.1:40123, STARTTLS advertised, AUTH before TLS, discards injected commands]}. */
  @Override
  public String toString() {
    return "SmtpFront[" + host() + ":" + port()
        + (session.advertise() ? ", STARTTLS advertised" : ", STARTTLS not advertised")
        + (session.refuse() ? ", refuses STARTTLS" : "")
        + (session.auth() ? ", AUTH before TLS" : ", no AUTH before TLS")
        + (session.buggy() ? ", answers injected commands" : ", discards injected commands") + "]";
  }

  /** Configures a {@link SmtpFront}; every setter documents its default. */
  public static final class Builder {
    private boolean advertiseStartTls = true;
    private boolean refuseStartTls;
    private boolean offerAuthBeforeTls = true;
    private boolean answerInjectedCommands;
    private @Nullable HeldCertificate certificate;

    private Builder() {}

    /** Whether EHLO lists {@code STARTTLS}. Default: true. */
    public Builder advertiseStartTls(boolean advertise) {
      this.advertiseStartTls = advertise;
      return this;
    }

    /** Whether {@code STARTTLS} is answered {@code 454 4.7.0 TLS not available}, not {@code 220}. Default: false. */
    public Builder refuseStartTls(boolean refuse) {
      this.refuseStartTls = refuse;
      return this;
    }

    /** Whether EHLO before TLS lists {@code AUTH PLAIN LOGIN} (else {@code 8BITMIME}). Default: true. */
    public Builder offerAuthBeforeTls(boolean offer) {
      this.offerAuthBeforeTls = offer;
      return this;
    }

    /**
     * Whether a command pipelined in clear after {@code STARTTLS} is answered inside TLS (the CVE-2011-0411 bug).
     * Default: false (it is discarded).
     */
    public Builder answerInjectedCommands(boolean answer) {
      this.answerInjectedCommands = answer;
      return this;
    }

    /** The certificate and key TLS presents. Default: {@link TestCertificates#localhost()}. */
    public Builder certificate(HeldCertificate certificate) {
      this.certificate = requireNonNull(certificate, "certificate");
      return this;
    }

    /** Starts listening on 127.0.0.1 and an ephemeral port. */
    public SmtpFront start() throws IOException {
      HeldCertificate cert = certificate != null ? certificate : TestCertificates.localhost();
      return new SmtpFront(new Session(TestTls.serverContext(cert), advertiseStartTls, refuseStartTls,
          offerAuthBeforeTls, answerInjectedCommands));
    }
  }

  /** One connection's conversation. */
  private record Session(SSLContext context, boolean advertise, boolean refuse, boolean auth, boolean buggy) {

    void serve(Socket socket) throws IOException {
      OutputStream out = socket.getOutputStream();
      BufferedReader in = reader(socket.getInputStream());
      send(out, GREETING + "\r\n");
      String line;
      String pending = null;
      while ((line = in.readLine()) != null) {
        if (isVerb(line, "EHLO")) {
          send(out, "250-front.test\r\n" + (advertise ? "250-STARTTLS\r\n" : "") + "250-PIPELINING\r\n"
              + (auth ? "250 AUTH PLAIN LOGIN\r\n" : "250 8BITMIME\r\n"));
        } else if (line.equalsIgnoreCase("STARTTLS") && advertise && !refuse) {
          // a command pipelined in the same packet is buffered by now; reading it after the 220 would race the
          // client's ClientHello
          pending = buggy && in.ready() ? in.readLine() : null;
          send(out, "220 2.0.0 Ready to start TLS\r\n");
          break;
        } else if (line.equalsIgnoreCase("STARTTLS")) {
          send(out, "454 4.7.0 TLS not available\r\n");
        } else if (line.equalsIgnoreCase("QUIT")) {
          send(out, "221 2.0.0 Bye\r\n");
          return;
        } else {
          send(out, "502 5.5.2 Error: command not recognized\r\n");
        }
      }
      if (line == null) {
        return;
      }
      SSLSocket tls = TestTls.acceptTls(context, socket);
      OutputStream tlsOut = tls.getOutputStream();
      if (pending != null) {
        send(tlsOut, "250 2.0.0 Ok\r\n");
      }
      BufferedReader tlsIn = reader(tls.getInputStream());
      while ((line = tlsIn.readLine()) != null) {
        if (isVerb(line, "EHLO")) {
          send(tlsOut, "250-front.test\r\n250-PIPELINING\r\n250 AUTH PLAIN LOGIN\r\n");
        } else if (line.equalsIgnoreCase("QUIT")) {
          send(tlsOut, "221 2.0.0 Bye\r\n");
          return;
        } else {
          send(tlsOut, "250 2.0.0 Ok\r\n");
        }
      }
    }

    private static boolean isVerb(String line, String verb) {
      return line.regionMatches(true, 0, verb, 0, verb.length());
    }

    private static BufferedReader reader(InputStream in) {
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
    }

    private static void send(OutputStream out, String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
  }
}
