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
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * A small in-process SMTP server on 127.0.0.1 and an ephemeral port that upgrades to JSSE with STARTTLS (RFC 3207),
 * configurable to misbehave the ways a STARTTLS test needs: not advertising the upgrade, refusing it, offering
 * {@code AUTH} in clear or not, and the CVE-2011-0411 bug (answering, inside TLS, a command that was pipelined in
 * clear with {@code STARTTLS}). Inside TLS it answers {@code EHLO} with {@code AUTH PLAIN LOGIN} and anything else
 * with {@code 250 2.0.0 Ok}. Each connection is served on its own thread; {@link #close()} ends them all.
 *
 * <pre>{@code
 * try (SmtpFront front = SmtpFront.builder().offerAuthBeforeTls(false).start()) {
 *   TlsConnectionReport report = TlsProbes.probe(
 *       ProbeOptions.builder("127.0.0.1", front.port()).startTls(StartTls.SMTP).build());
 * }
 * }</pre>
 */
public final class SmtpFront implements AutoCloseable {
  /** What the front says first. */
  public static final String GREETING = "220 front.test ESMTP";

  private final HostilePeer peer;

  private SmtpFront(HostilePeer peer) {
    this.peer = peer;
  }

  /** A front that advertises STARTTLS, offers {@code AUTH PLAIN LOGIN} before TLS and discards pipelined commands. */
  public static Builder builder() {
    return new Builder();
  }

  /** The port it listens on, on 127.0.0.1. */
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

  @Override
  public String toString() {
    return "SmtpFront[127.0.0.1:" + port() + "]";
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

    /** Whether EHLO before TLS lists {@code AUTH PLAIN LOGIN}. Default: true. */
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

    /** The server's certificate. Default: {@link TestCertificates#localhost()}. */
    public Builder certificate(HeldCertificate certificate) {
      this.certificate = requireNonNull(certificate, "certificate");
      return this;
    }

    /** Starts listening on 127.0.0.1 and an ephemeral port. */
    public SmtpFront start() throws IOException {
      HeldCertificate cert = certificate != null ? certificate : TestCertificates.localhost();
      SSLContext context;
      try {
        context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {cert.keyManager()}, null, null);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot build the front's TLS context", e);
      }
      Session session = new Session(context, advertiseStartTls, refuseStartTls, offerAuthBeforeTls,
          answerInjectedCommands);
      return new SmtpFront(HostilePeer.start(session::serve));
    }
  }

  /** One connection's conversation. */
  private record Session(SSLContext context, boolean advertise, boolean refuse, boolean auth, boolean buggy) {

    void serve(Socket socket) throws IOException {
      OutputStream out = socket.getOutputStream();
      BufferedReader in = reader(socket.getInputStream());
      send(out, GREETING + "\r\n");
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("EHLO")) {
          send(out, "250-front.test\r\n" + (advertise ? "250-STARTTLS\r\n" : "") + "250-PIPELINING\r\n"
              + (auth ? "250 AUTH PLAIN LOGIN\r\n" : "250 8BITMIME\r\n"));
        } else if (line.equals("STARTTLS") && advertise && !refuse) {
          send(out, "220 2.0.0 Ready to start TLS\r\n");
          break;
        } else if (line.equals("STARTTLS")) {
          send(out, "454 4.7.0 TLS not available\r\n");
        } else if (line.equals("QUIT")) {
          send(out, "221 2.0.0 Bye\r\n");
          return;
        } else {
          send(out, "502 5.5.2 Error: command not recognized\r\n");
        }
      }
      if (line == null) {
        return;
      }
      String pending = buggy && in.ready() ? in.readLine() : null;
      SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
      tls.setUseClientMode(false);
      tls.startHandshake();
      OutputStream tlsOut = tls.getOutputStream();
      if (pending != null) {
        send(tlsOut, "250 2.0.0 Ok\r\n");
      }
      BufferedReader tlsIn = reader(tls.getInputStream());
      while ((line = tlsIn.readLine()) != null) {
        if (line.startsWith("EHLO")) {
          send(tlsOut, "250-front.test\r\n250-PIPELINING\r\n250 AUTH PLAIN LOGIN\r\n");
        } else if (line.equals("QUIT")) {
          send(tlsOut, "221 2.0.0 Bye\r\n");
          return;
        } else {
          send(tlsOut, "250 2.0.0 Ok\r\n");
        }
      }
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
