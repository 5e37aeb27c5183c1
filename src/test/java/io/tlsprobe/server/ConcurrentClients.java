package io.tlsprobe.server;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.report.TlsConnectionReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Many HTTPS clients at once against one capture server, for the load test and the capture benchmark: each client
 * (one thread each) waits at a common start gate, then connects to 127.0.0.1, makes a full handshake (host name
 * {@code localhost} checked, for which JDK 17 sends no SNI; the server's {@link
 * TlsCaptureServer#clientSslSocketFactory()}), sends one {@code GET},
 * reads the answer to its end and closes. The result holds what each client saw and the server's reports, taken with
 * {@link TlsCaptureServer#awaitConnection(Duration)} as they arrive.
 *
 * <pre>{@code
 * ConcurrentClients.Result r = ConcurrentClients.run(server, 200, Duration.ofSeconds(60));
 * r.reports().size();  // 200
 * }</pre>
 */
public final class ConcurrentClients {
  private ConcurrentClients() {}

  /**
   * What one client saw.
   *
   * @param localPort the client's source port (the report's endpoint port)
   * @param protocol the session's protocol ({@code TLSv1.3})
   * @param cipherSuite the session's cipher suite
   * @param statusLine the HTTP status line it got
   */
  public record ClientRun(int localPort, String protocol, String cipherSuite, String statusLine) {
    public ClientRun {
      requireNonNull(protocol, "protocol");
      requireNonNull(cipherSuite, "cipherSuite");
      requireNonNull(statusLine, "statusLine");
    }
  }

  /**
   * One run.
   *
   * @param clients what each client saw, in start order
   * @param reports the server's reports, in arrival order
   * @param wallTime from opening the start gate to the last report taken
   */
  public record Result(List<ClientRun> clients, List<TlsConnectionReport> reports, Duration wallTime) {
    public Result {
      clients = List.copyOf(clients);
      reports = List.copyOf(reports);
      requireNonNull(wallTime, "wallTime");
    }
  }

  /**
   * Runs {@code count} clients at once and takes {@code count} reports, all within {@code timeout}.
   *
   * @throws IllegalStateException when a client fails (the first failure is the cause) or time runs out
   */
  public static Result run(TlsCaptureServer server, int count, Duration timeout) throws InterruptedException {
    SSLSocketFactory factory = server.clientSslSocketFactory();
    int port = server.port();
    int timeoutMillis = (int) timeout.toMillis();
    CountDownLatch ready = new CountDownLatch(count);
    CountDownLatch gate = new CountDownLatch(1);
    List<FutureTask<ClientRun>> tasks = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = i;
      FutureTask<ClientRun> task = new FutureTask<>(() -> {
        ready.countDown();
        gate.await();
        return fetch(factory, port, "/client-" + n, timeoutMillis);
      });
      Thread thread = new Thread(task, "concurrent-client-" + i);
      thread.setDaemon(true);
      tasks.add(task);
      threads.add(thread);
      thread.start();
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("the " + count + " client threads did not start within " + timeout);
      }
      long start = System.nanoTime();
      gate.countDown();
      List<TlsConnectionReport> reports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        reports.add(server.awaitConnection(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))));
      }
      Duration wall = Duration.ofNanos(System.nanoTime() - start);
      List<ClientRun> clients = new ArrayList<>();
      for (FutureTask<ClientRun> task : tasks) {
        clients.add(task.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      }
      return new Result(clients, reports, wall);
    } catch (ExecutionException e) {
      throw new IllegalStateException(failed(tasks) + " of " + count + " clients failed; the first: "
          + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the clients did not finish within " + timeout, e);
    } finally {
      gate.countDown();
      for (Thread thread : threads) {
        thread.interrupt();
      }
    }
  }

  private static long failed(List<FutureTask<ClientRun>> tasks) {
    long failed = 0;
    for (FutureTask<ClientRun> task : tasks) {
      try {
        task.get(1, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        failed++;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return failed;
  }

  private static ClientRun fetch(SSLSocketFactory factory, int port, String path, int timeoutMillis)
      throws IOException {
    try (Socket plain = new Socket()) {
      plain.setTcpNoDelay(true);
      plain.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
      plain.setSoTimeout(timeoutMillis);
      try (SSLSocket tls = (SSLSocket) factory.createSocket(plain, "localhost", port, true)) {
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        SSLSession session = tls.getSession();
        OutputStream out = tls.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = tls.getInputStream();
        String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        int endOfLine = answer.indexOf("\r\n");
        return new ClientRun(plain.getLocalPort(), session.getProtocol(), session.getCipherSuite(),
            endOfLine < 0 ? answer : answer.substring(0, endOfLine));
      }
    }
  }
}
