package io.tlsprobe.scan;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.testing.OpensslServer;
import io.tlsprobe.testing.TestCertificates;
import io.tlsprobe.testing.HostilePeer;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.HelloCodec;
import io.tlsprobe.wire.KeyShareExtension;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.SupportedVersionsExtension;
import io.tlsprobe.wire.TlsDecodeException;
import io.tlsprobe.wire.TlsDecoder;
import io.tlsprobe.wire.TlsRecord;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code supportsPostQuantumKeyExchange()} against peers: a JSSE TLS 1.3 server on the Temurin 25 JDK, run as a
 * single-file source program in its own process, when its JSSE speaks X25519MLKEM768 (0x11ec; aborted, saying why,
 * when it does not or the JDK is missing); a scripted loopback peer that accepts only X25519MLKEM768; and OpenSSL 3.0,
 * which has no post-quantum group.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostQuantumScanTest {
  /** Where the Temurin 25 JDK is installed on these machines. */
  static final Path JDK25_JAVA = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

  /**
   * A TLS 1.3 JSSE server on 127.0.0.1 that prints its port and its JSSE's named groups, then serves handshakes (the
   * scan's end after the ServerHello).
   */
  private static final String SERVER = """
      import java.io.FileInputStream;
      import java.net.InetAddress;
      import java.security.KeyStore;
      import javax.net.ssl.*;

      public class Server {
        public static void main(String[] args) throws Exception {
          KeyStore keys = KeyStore.getInstance("PKCS12");
          try (FileInputStream in = new FileInputStream(args[0])) {
            keys.load(in, args[1].toCharArray());
          }
          KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
          kmf.init(keys, args[1].toCharArray());
          SSLContext context = SSLContext.getInstance("TLS");
          context.init(kmf.getKeyManagers(), null, null);
          SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
              .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
          server.setEnabledProtocols(new String[] {"TLSv1.3"});
          System.out.println("PORT " + server.getLocalPort() + " GROUPS "
              + String.join(",", context.getSupportedSSLParameters().getNamedGroups()));
          System.out.flush();
          while (true) {
            SSLSocket socket = (SSLSocket) server.accept();
            Thread.startVirtualThread(() -> {
              try (socket) {
                socket.startHandshake();
              } catch (Exception e) {
                // the scan leaves after the ServerHello
              }
            });
          }
        }
      }
      """;

  private Process jdk25Server;
  private int jdk25Port;
  private String abortReason = "";

  @BeforeAll
  void startJdk25Server(@TempDir Path dir) throws Exception {
    if (!Files.isExecutable(JDK25_JAVA)) {
      abortReason = "no Temurin 25 JDK at " + JDK25_JAVA + " (its JSSE is the peer that speaks X25519MLKEM768)";
      return;
    }
    Path source = Files.writeString(dir.resolve("Server.java"), SERVER);
    Path keyStore = dir.resolve("server.p12");
    KeyStore keys = TestCertificates.localhost().keyStore("server", TestCertificates.password());
    try (OutputStream out = Files.newOutputStream(keyStore)) {
      keys.store(out, TestCertificates.password());
    }
    jdk25Server = new ProcessBuilder(JDK25_JAVA.toString(), source.toString(), keyStore.toString(),
        new String(TestCertificates.password())).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(jdk25Server.getInputStream(),
        StandardCharsets.UTF_8));
    String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
    assertThat(line).as("the JDK 25 server's first line").matches("PORT \\d+ GROUPS .*");
    jdk25Port = Integer.parseInt(line.split(" ")[1]);
    String groups = line.substring(line.indexOf(" GROUPS ") + 8);
    if (!List.of(groups.split(",")).contains("X25519MLKEM768")) {
      abortReason = "the JSSE of " + JDK25_JAVA + " does not speak X25519MLKEM768; its named groups: " + groups;
    }
  }

  @AfterAll
  void stopJdk25Server() throws InterruptedException {
    if (jdk25Server != null) {
      jdk25Server.descendants().forEach(ProcessHandle::destroyForcibly);
      jdk25Server.destroyForcibly();
      jdk25Server.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void findsX25519Mlkem768AmongTheTls13GroupsOfAJdk25Server() {
    if (!abortReason.isEmpty()) {
      Assumptions.abort(abortReason);
    }

    ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", jdk25Port).build());

    assertThat(profile.protocol(TlsProtocol.TLSv1_3).orElseThrow().groups()).as(profile.render())
        .contains(NamedGroup.of(0x11ec));
    assertThat(profile).supportsPostQuantumKeyExchange();
  }

  @Test
  void findsX25519Mlkem768ThroughAHelloRetryRequestFromAScriptedPeer() throws Exception {
    try (HostilePeer peer = HostilePeer.start(PostQuantumScanTest::hybridOnlyTls13Server)) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", peer.port()).build());

      assertThat(profile.acceptedProtocols()).as(profile.render()).containsExactly(TlsProtocol.TLSv1_3);
      assertThat(profile.groups()).containsExactly(NamedGroup.of(0x11ec));
      assertThat(profile).supportsPostQuantumKeyExchange();
    }
  }

  @Test
  void failsAgainstOpenssl30ListingItsClassicalGroups(@TempDir Path dir) {
    try (OpensslServer server = OpensslServer.wwwLocalhost(dir, "-tls1_3")) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", server.port())
          .protocols(TlsProtocol.TLSv1_3).build());

      AssertionError error = catchThrowableOfType(() -> assertThat(profile).supportsPostQuantumKeyExchange(),
          AssertionError.class);

      assertThat(error).isNotNull();
      assertThat(error.getMessage()).contains(List.of(
          "Expecting the server to accept a post-quantum key exchange (ML-KEM alone or in a hybrid)",
          "but the groups it accepts are:", "x25519", "ffdhe2048", "Server profile: ServerProfile[127.0.0.1:"));
      assertThat(error.getMessage()).doesNotContain("MLKEM");
    }
  }

  /**
   * A TLS 1.3 server of TLS_AES_128_GCM_SHA256 and X25519MLKEM768 alone: to a TLS 1.3 hello listing both it answers a
   * HelloRetryRequest selecting X25519MLKEM768 (the scan sends no share for it), as a server that prefers the hybrid
   * does (RFC 8446 section 4.1.4); to anything else protocol_version or handshake_failure.
   */
  private static void hybridOnlyTls13Server(Socket socket) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    Optional<ClientHello> hello = Optional.empty();
    while (hello.isEmpty()) {
      int n = socket.getInputStream().read(buffer);
      if (n < 0) {
        return;
      }
      bytes.write(buffer, 0, n);
      try {
        hello = TlsDecoder.decodePartial(bytes.toByteArray()).clientHello();
      } catch (TlsDecodeException e) {
        return; // an SSL 2.0 hello
      }
    }
    ClientHello h = hello.get();
    OutputStream out = socket.getOutputStream();
    if (!h.supportedVersions().contains(0x0304)) {
      out.write(new byte[] {21, 3, 3, 0, 2, 2, 70});
    } else if (!h.cipherSuites().contains(0x1301) || !h.supportedGroups().contains(0x11ec)) {
      out.write(new byte[] {21, 3, 3, 0, 2, 2, 40});
    } else {
      ServerHello retry = new ServerHello(0x0303, HelloCodec.HELLO_RETRY_REQUEST_RANDOM, h.sessionId(), 0x1301, 0,
          List.of(SupportedVersionsExtension.selected(0x0304), KeyShareExtension.helloRetry(0x11ec)), true);
      out.write(TlsRecord.wrapHandshake(retry.encode(), 0x0303));
    }
    out.flush();
    HostilePeer.drain(socket);
  }

  private static String readLine(BufferedReader reader) {
    try {
      return String.valueOf(reader.readLine());
    } catch (IOException e) {
      return "unreadable: " + e;
    }
  }
}
