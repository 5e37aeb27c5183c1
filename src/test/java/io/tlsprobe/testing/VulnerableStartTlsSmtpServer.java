package io.tlsprobe.testing;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.cert.HeldCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A tiny SMTP server with the STARTTLS command-injection bug of CVE-2011-0411 on purpose: its command reader keeps a
 * buffer, and after {@code 220} to {@code STARTTLS} it swaps the socket under the reader for the TLS one <em>without
 * emptying the buffer</em>, so a command a man in the middle pipelined in clear after {@code STARTTLS} is executed as
 * if it had come inside TLS. {@link #startFixed} runs the same server with the fix (the buffer is emptied at the
 * swap), so a test can show the check tells exactly this difference.
 *
 * <pre>{@code
 * try (VulnerableStartTlsSmtpServer smtp = VulnerableStartTlsSmtpServer.start(TestCertificates.localhost())) {
 *   TlsProbes.probe(ProbeOptions.builder("127.0.0.1", smtp.port()).startTls(StartTls.SMTP).build());
 *   // plainTextPhase().injection(): VULNERABLE
 * }
 * }</pre>
 *
 * <p>It speaks just enough SMTP for the check: {@code EHLO}/{@code HELO}, {@code STARTTLS}, {@code NOOP},
 * {@code QUIT}; anything else is {@code 502}. Test code only.
 */
public final class VulnerableStartTlsSmtpServer implements AutoCloseable {
  /** The name it greets with. */
  public static final String HOST_NAME = "vulnerable.tlsprobe.test";
  private static final int MAX_LINE = 4096;

  private final ServerSocket server;
  private final SSLContext tls;
  private final boolean fixed;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final List<String> executedInsideTls = new CopyOnWriteArrayList<>();

  private VulnerableStartTlsSmtpServer(ServerSocket server, SSLContext tls, boolean fixed) {
    this.server = server;
    this.tls = tls;
    this.fixed = fixed;
  }

  /** The buggy server, on an ephemeral loopback port. */
  public static VulnerableStartTlsSmtpServer start(HeldCertificate certificate) throws IOException {
    return start(certificate, false);
  }

  /** The same server with the bug fixed: the plain-text buffer is emptied when TLS starts. */
  public static VulnerableStartTlsSmtpServer startFixed(HeldCertificate certificate) throws IOException {
    return start(certificate, true);
  }

  private static VulnerableStartTlsSmtpServer start(HeldCertificate certificate, boolean fixed) throws IOException {
    requireNonNull(certificate, "certificate");
    SSLContext context;
    try {
      context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {certificate.keyManager()}, null, null);
    } catch (GeneralSecurityException e) {
      throw new IOException("no TLS context for the server", e);
    }
    VulnerableStartTlsSmtpServer smtp = new VulnerableStartTlsSmtpServer(
        new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), context, fixed);
    smtp.spawn(smtp::acceptLoop, "vulnerable-smtp-accept");
    return smtp;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The commands it executed inside TLS, in order, over every connection ({@code NOOP}, {@code EHLO …}). */
  public List<String> executedInsideTls() {
    return List.copyOf(executedInsideTls);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
    try {
      for (Thread t : threads) {
        t.join(5000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "VulnerableStartTlsSmtpServer[127.0.0.1:" + port() + (fixed ? ", fixed" : ", CVE-2011-0411") + "]";
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sockets.add(socket);
        spawn(() -> {
          try (socket) {
            serve(socket);
          } catch (IOException ignored) {
            // the client went away or the test is over
          }
        }, "vulnerable-smtp");
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) throws IOException {
    CommandReader reader = new CommandReader(socket.getInputStream());
    OutputStream out = socket.getOutputStream();
    boolean inTls = false;
    reply(out, "220 " + HOST_NAME + " ESMTP" + (fixed ? "" : " (CVE-2011-0411 on purpose)"));
    String line;
    while ((line = reader.readLine()) != null) {
      String verb = (line.contains(" ") ? line.substring(0, line.indexOf(' ')) : line).toUpperCase(Locale.ROOT);
      if (inTls) {
        executedInsideTls.add(line);
      }
      switch (verb) {
        case "EHLO" -> reply(out, "250-" + HOST_NAME + "\r\n250-PIPELINING\r\n" + (inTls ? "" : "250-STARTTLS\r\n")
            + "250 8BITMIME");
        case "HELO" -> reply(out, "250 " + HOST_NAME);
        case "NOOP" -> reply(out, "250 2.0.0 Ok");
        case "QUIT" -> {
          reply(out, "221 2.0.0 Bye");
          return;
        }
        case "STARTTLS" -> {
          if (inTls) {
            reply(out, "554 5.5.1 Error: TLS already active");
            continue;
          }
          reply(out, "220 2.0.0 Ready to start TLS");
          SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
          secure.setUseClientMode(false);
          secure.startHandshake();
          // the bug: the reader keeps what it had buffered in clear; the fix empties it first
          reader.switchTo(secure.getInputStream(), fixed);
          out = secure.getOutputStream();
          inTls = true;
        }
        default -> reply(out, "502 5.5.2 Error: command not recognized");
      }
    }
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private void spawn(Runnable task, String name) {
    Thread thread = new Thread(task, name + "-" + server.getLocalPort());
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  /** A line reader with its own buffer, as an SMTP server's command reader has. */
  private static final class CommandReader {
    private InputStream in;
    private final byte[] buffer = new byte[8192];
    private int start;
    private int end;

    CommandReader(InputStream in) {
      this.in = in;
    }

    void switchTo(InputStream next, boolean discardBuffered) {
      this.in = next;
      if (discardBuffered) {
        start = end;
      }
    }

    /** The next line without CRLF, or null at the end of the stream. */
    String readLine() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      while (line.size() < MAX_LINE) {
        if (start == end) {
          int n = in.read(buffer);
          if (n < 0) {
            return null;
          }
          start = 0;
          end = n;
        }
        byte b = buffer[start++];
        if (b == '\n') {
          String s = line.toString(StandardCharsets.ISO_8859_1);
          return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }
        line.write(b);
      }
      throw new IOException("line too long");
    }
  }
}
