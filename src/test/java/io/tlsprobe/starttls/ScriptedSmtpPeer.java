package io.tlsprobe.starttls;

import io.tlsprobe.testing.HostilePeer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Scripted loopback peers for the line-based dialect tests: a script is a list of steps run in order on each accepted
 * connection, each step sending lines, raw bytes, expecting a line from the client, staying silent or hanging up.
 *
 * <pre>{@code
 * HostilePeer.start(script(send("220 mail.test ESMTP"), expect("EHLO"), send("250 mail.test"), drain()));
 * }</pre>
 */
final class ScriptedSmtpPeer {
  private ScriptedSmtpPeer() {}

  /** One step of a scripted peer, given the socket and the line reader over it. */
  @FunctionalInterface
  interface Step {
    void run(Socket socket, BufferedReader in) throws IOException, InterruptedException;
  }

  static HostilePeer.Behaviour script(Step... steps) {
    return socket -> {
      BufferedReader in = reader(socket);
      for (Step step : steps) {
        step.run(socket, in);
      }
    };
  }

  /** Reads and discards until the client closes: the peer stays silent. */
  static Step drain() {
    return (socket, in) -> HostilePeer.drain(socket);
  }

  static Step hangUp() {
    return (socket, in) -> socket.close();
  }

  static Step send(String... lines) {
    return (socket, in) -> write(socket.getOutputStream(), lines);
  }

  static Step raw(String text) {
    return (socket, in) -> {
      socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
    };
  }

  /** Reads a line; one that does not start with {@code prefix} ends the script with the connection closed. */
  static Step expect(String prefix) {
    return (socket, in) -> {
      String line = in.readLine();
      if (line == null || !line.startsWith(prefix)) {
        socket.close();
        throw new IOException("expected " + prefix + ", got " + line);
      }
    };
  }

  static BufferedReader reader(Socket socket) throws IOException {
    return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
  }

  static void write(OutputStream out, String... lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      sb.append(line).append("\r\n");
    }
    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }
}
