package io.tlsprobe.starttls;

import io.tlsprobe.testing.HostilePeer;
import io.tlsprobe.testing.TestCertificates;
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
 * A scripted server for line protocols (FTP, NNTP, …) to run in a {@link HostilePeer}: it sends a greeting, answers
 * each line with the {@link Script}, and on the upgrade command sends the go-ahead and becomes a JSSE server on the
 * same socket, where the script answers again. A correct server drops what the client pipelined after the upgrade
 * command; a {@code buggy} one answers it inside TLS (the CVE-2011-0411 class).
 *
 * <pre>{@code
 * HostilePeer.start(ScriptedLinePeer.serve("220 ready\r\n", "AUTH TLS", "234 go\r\n",
 *     (line, tls) -> "200 ok\r\n", false));
 * }</pre>
 */
final class ScriptedLinePeer {
  private static final SSLContext SERVER_CONTEXT = serverContext();

  /** Answers one line from the client; null closes the connection. */
  @FunctionalInterface
  interface Script {
    @Nullable String answer(String line, boolean overTls);
  }

  private ScriptedLinePeer() {}

  static HostilePeer.Behaviour serve(String greeting, String upgrade, String goAhead, Script script, boolean buggy) {
    return socket -> {
      OutputStream out = socket.getOutputStream();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      send(out, greeting);
      String line;
      while ((line = in.readLine()) != null) {
        if (line.equals(upgrade)) {
          send(out, goAhead);
          break;
        }
        String answer = script.answer(line, false);
        if (answer == null) {
          socket.close();
          return;
        }
        send(out, answer);
      }
      if (line == null) {
        return;
      }
      String pending = buggy && in.ready() ? in.readLine() : null;
      SSLSocket tls = (SSLSocket) SERVER_CONTEXT.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
      tls.setUseClientMode(false);
      tls.startHandshake();
      OutputStream tlsOut = tls.getOutputStream();
      if (pending != null) {
        send(tlsOut, script.answer(pending, true));
      }
      BufferedReader tlsIn =
          new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.ISO_8859_1));
      while ((line = tlsIn.readLine()) != null) {
        String answer = script.answer(line, true);
        if (answer == null) {
          tls.close();
          return;
        }
        send(tlsOut, answer);
      }
    };
  }

  private static void send(OutputStream out, @Nullable String text) throws IOException {
    if (text != null) {
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
  }

  private static SSLContext serverContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {TestCertificates.localhost().keyManager()}, null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code upgrade}'s client side against {@code peer}, returning the exception it ended with (or failing). */
  static StartTlsException failure(StartTls dialect, HostilePeer peer, java.time.Duration readTimeout) {
    try (Socket plain = UpgradedSession.connect(peer.port(), readTimeout)) {
      StartTlsClient.of(dialect, "localhost").upgrade(PlainTextChannel.of(plain));
    } catch (StartTlsException e) {
      return e;
    } catch (IOException e) {
      throw new AssertionError("expected a StartTlsException, got " + e, e);
    }
    throw new AssertionError("the upgrade succeeded; expected it to fail");
  }
}
