package io.tlsprobe.testing;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.cert.HeldCertificate;
import java.io.BufferedReader;
import java.io.IOException;
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
 * A small in-process SMTP server on loopback that speaks just enough ESMTP (RFC 5321) to reach STARTTLS (RFC 3207)
 * and then serves JSSE with a test certificate: greeting {@code 220 front.test ESMTP}, {@code EHLO} answered with
 * {@code STARTTLS} and {@code AUTH PLAIN} (each can be switched off), {@code 220 go ahead} to {@code STARTTLS}, and
 * inside TLS {@code EHLO} (without STARTTLS) and {@code 250} to anything else.
 *
 * <pre>{@code
 * try (SmtpStartTlsFront front = SmtpStartTlsFront.start()) {
 *   TlsConnectionReport report = TlsProbes.probe(
 *       ProbeOptions.builder("127.0.0.1", front.port()).startTls(StartTls.SMTP).build());
 * }
 * try (SmtpStartTlsFront buggy = SmtpStartTlsFront.builder().answerInjectedCommands(true).start()) {
 *   // the injection check reports VULNERABLE
 * }
 * }</pre>
 *
 * <p>With {@link Builder#answerInjectedCommands(boolean)} it has the CVE-2011-0411 bug: a command pipelined after
 * {@code STARTTLS} in the same packet is kept and answered inside TLS. Otherwise such bytes are discarded.
 */
public final class SmtpStartTlsFront implements AutoCloseable {
  /** The greeting the front sends. */
  public static final String GREETING = "220 front.test ESMTP";

  private final Settings settings;
  private final HostilePeer peer;

  private SmtpStartTlsFront(Settings settings) throws IOException {
    this.settings = settings;
    this.peer = HostilePeer.start(this::serve);
  }

  /** What a started front does, fixed at {@link Builder#start()}. */
  private record Settings(boolean advertiseStartTls, boolean refuseStartTls, boolean authBeforeTls,
      boolean answerInjectedCommands, SSLContext context) {}

  /** A front with every default: STARTTLS and AUTH advertised, injected commands discarded. */
  public static SmtpStartTlsFront start() throws IOException {
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

  /** Its ephemeral port. */
  public int port() {
    return peer.port();
  }

  /** How many connections it accepted (the probe makes a second one for the injection check). */
  public int connections() {
    return peer.connections();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    peer.close();
  }

  /** {@code SmtpStartTlsFront[127.0.0.1:40123, STARTTLS advertised, AUTH before TLS, discards injected commands]}. */
  @Override
  public String toString() {
    return "SmtpStartTlsFront[" + host() + ":" + port()
        + (settings.advertiseStartTls() ? ", STARTTLS advertised" : ", STARTTLS not advertised")
        + (settings.refuseStartTls() ? ", refuses STARTTLS" : "")
        + (settings.authBeforeTls() ? ", AUTH before TLS" : ", no AUTH before TLS")
        + (settings.answerInjectedCommands() ? ", answers injected commands" : ", discards injected commands") + "]";
  }

  private void serve(Socket socket) throws IOException {
    OutputStream out = socket.getOutputStream();
    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    send(out, GREETING + "\r\n");
    String line;
    String pending = null;
    while ((line = in.readLine()) != null) {
      String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
      if (verb.equals("EHLO")) {
        send(out, "250-front.test\r\n" + (settings.advertiseStartTls() ? "250-STARTTLS\r\n" : "")
            + (settings.authBeforeTls() ? "250-AUTH PLAIN\r\n" : "") + "250 8BITMIME\r\n");
      } else if (line.equalsIgnoreCase("STARTTLS") && settings.refuseStartTls()) {
        send(out, "454 4.7.0 TLS not available due to local problem\r\n");
      } else if (line.equalsIgnoreCase("STARTTLS")) {
        // a command pipelined in the same packet is buffered by now; reading it later would race the ClientHello
        pending = settings.answerInjectedCommands() && in.ready() ? in.readLine() : null;
        send(out, "220 2.0.0 go ahead\r\n");
        break;
      } else if (verb.equals("QUIT")) {
        send(out, "221 2.0.0 bye\r\n");
        return;
      } else {
        send(out, "502 5.5.2 not here\r\n");
      }
    }
    if (line == null) {
      return;
    }
    SSLSocket tls = (SSLSocket) settings.context().getSocketFactory()
        .createSocket(socket, null, socket.getPort(), true);
    tls.setUseClientMode(false);
    tls.startHandshake();
    OutputStream tlsOut = tls.getOutputStream();
    if (pending != null) {
      send(tlsOut, "250 2.0.0 Ok\r\n");
    }
    BufferedReader tlsIn = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.ISO_8859_1));
    while ((line = tlsIn.readLine()) != null) {
      if (line.regionMatches(true, 0, "EHLO", 0, 4)) {
        send(tlsOut, "250-front.test\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n");
      } else if (line.equalsIgnoreCase("QUIT")) {
        send(tlsOut, "221 2.0.0 bye\r\n");
        return;
      } else {
        send(tlsOut, "250 2.0.0 Ok\r\n");
      }
    }
  }

  private static void send(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Configures a {@link SmtpStartTlsFront}. */
  public static final class Builder {
    private boolean advertiseStartTls = true;
    private boolean refuseStartTls;
    private boolean authBeforeTls = true;
    private boolean answerInjectedCommands;
    private @Nullable HeldCertificate identity;

    private Builder() {}

    /** Whether EHLO lists {@code STARTTLS}. Default: {@code true}. */
    public Builder advertiseStartTls(boolean advertise) {
      this.advertiseStartTls = advertise;
      return this;
    }

    /** Whether {@code STARTTLS} is answered {@code 454} instead of {@code 220}. Default: {@code false}. */
    public Builder refuseStartTls(boolean refuse) {
      this.refuseStartTls = refuse;
      return this;
    }

    /** Whether EHLO lists {@code AUTH PLAIN} before TLS. Default: {@code true}. */
    public Builder authBeforeTls(boolean offer) {
      this.authBeforeTls = offer;
      return this;
    }

    /** Whether a command pipelined with {@code STARTTLS} is answered inside TLS (CVE-2011-0411). Default: no. */
    public Builder answerInjectedCommands(boolean answer) {
      this.answerInjectedCommands = answer;
      return this;
    }

    /** The certificate and key TLS presents. Default: {@link TestCertificates#localhost()}. */
    public Builder identity(HeldCertificate identity) {
      this.identity = requireNonNull(identity, "identity");
      return this;
    }

    /** Starts the front on an ephemeral loopback port. */
    public SmtpStartTlsFront start() throws IOException {
      HeldCertificate held = identity != null ? identity : TestCertificates.localhost();
      SSLContext ssl;
      try {
        ssl = SSLContext.getInstance("TLS");
        ssl.init(new KeyManager[] {held.keyManager()}, null, null);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot make the front's SSLContext", e);
      }
      return new SmtpStartTlsFront(
          new Settings(advertiseStartTls, refuseStartTls, authBeforeTls, answerInjectedCommands, ssl));
    }
  }
}
