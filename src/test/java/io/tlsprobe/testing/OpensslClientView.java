package io.tlsprobe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.TlsConnectionReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSession;

/**
 * What {@code openssl s_client} says it negotiated with a server (standard input empty, so it connects, prints and
 * leaves): the oracle the probe's report is compared with, field by field.
 *
 * @param protocol from {@code New, TLSv1.3, Cipher is …} (or {@code Protocol  :} of the SSL-Session block)
 * @param cipherSuite from the same line (or {@code Cipher    :}), mapped from the OpenSSL name to the IANA one
 * @param group the named group of {@code Server Temp Key:} (X25519, ECDH curve, or a TLS 1.3 FFDHE group)
 * @param dhPrimeBits the bits of a TLS 1.2 {@code Server Temp Key: DH, N bits}
 * @param alpn {@code ALPN protocol:}
 * @param ocspStapled whether an OCSP response was printed
 * @param secureRenegotiation {@code Secure Renegotiation IS supported}
 * @param extendedMasterSecret {@code Extended master secret: yes}
 * @param verifyCode {@code Verify return code:}
 * @param output everything s_client printed
 */
public record OpensslClientView(
    Optional<TlsProtocol> protocol,
    Optional<CipherSuite> cipherSuite,
    Optional<NamedGroup> group,
    Optional<Integer> dhPrimeBits,
    Optional<String> alpn,
    boolean ocspStapled,
    boolean secureRenegotiation,
    boolean extendedMasterSecret,
    int verifyCode,
    String output) {

  /** Runs {@code openssl s_client -connect 127.0.0.1:port} with {@code options} and reads what it printed. */
  public static OpensslClientView connect(int port, String... options) {
    List<String> command = new ArrayList<>(List.of(Interop.requireCommand("openssl").toString(), "s_client",
        "-connect", "127.0.0.1:" + port));
    command.addAll(List.of(options));
    ProcessResult result = Interop.run(Duration.ofSeconds(20), command);
    if (result.timedOut()) {
      throw new AssertionError("s_client timed out: " + result);
    }
    return parse(result.stdout() + "\n" + result.stderr());
  }

  /**
   * As {@link #connect}, with s_client's input held open for {@code hold} before it ends: s_client leaves when its
   * input does, so this gives it the time to read what the server sends after the handshake (TLS 1.3 tickets).
   */
  public static OpensslClientView connectHoldingInput(Duration hold, int port, String... options) {
    List<String> command = new ArrayList<>(List.of("sh", "-c", "sleep \"$0\" | \"$@\"",
        String.format(java.util.Locale.ROOT, "%.3f", hold.toMillis() / 1000.0),
        Interop.requireCommand("openssl").toString(), "s_client", "-connect", "127.0.0.1:" + port));
    command.addAll(List.of(options));
    ProcessResult result = Interop.run(Duration.ofSeconds(20).plus(hold), command);
    if (result.timedOut()) {
      throw new AssertionError("s_client timed out: " + result);
    }
    return parse(result.stdout() + "\n" + result.stderr());
  }

  /**
   * Asserts that JSSE's {@code session} negotiated the protocol and cipher suite s_client did (and that s_client saw a
   * protocol); failures quote s_client's output.
   */
  public void assertSameProtocolAndSuite(SSLSession session) {
    assertSame(TlsProtocol.fromJsseName(session.getProtocol()), CipherSuite.byName(session.getCipherSuite()));
  }

  /** Asserts that the probe's {@code report} has the protocol and cipher suite s_client negotiated. */
  public void assertSameProtocolAndSuite(TlsConnectionReport report) {
    assertSame(report.protocol(), report.cipherSuite());
  }

  private void assertSame(Optional<TlsProtocol> actualProtocol, Optional<CipherSuite> actualSuite) {
    assertThat(actualProtocol).as("protocol; s_client said:\n" + output).isPresent().isEqualTo(protocol);
    assertThat(actualSuite).as("cipher suite; s_client said:\n" + output).isEqualTo(cipherSuite);
  }

  public static OpensslClientView parse(String out) {
    Optional<TlsProtocol> protocol = find(out, "^New, (\\S+), Cipher is ")
        .or(() -> find(out, "^\\s*Protocol\\s*:\\s*(\\S+)"))
        .map(p -> p.equals("TLSv1.0") ? "TLSv1" : p) // the "New," line says TLSv1.0 where JSSE says TLSv1
        .flatMap(TlsProtocol::fromJsseName);
    Optional<CipherSuite> suite = find(out, "^New, \\S+, Cipher is (\\S+)")
        .or(() -> find(out, "^\\s*Cipher\\s*:\\s*(\\S+)"))
        .filter(c -> !c.equals("0000") && !c.equals("(NONE)"))
        .flatMap(CipherSuite::byName);
    Optional<NamedGroup> group = Optional.empty();
    Optional<Integer> dhBits = Optional.empty();
    Optional<String> tempKey = find(out, "^Server Temp Key: (.+)$");
    if (tempKey.isPresent()) {
      String[] parts = tempKey.get().split(",\\s*");
      if (parts[0].equals("ECDH")) {
        group = curve(parts[1]);
      } else if (parts[0].equals("DH")) {
        int bits = Integer.parseInt(parts[1].replace(" bits", "").trim());
        if (protocol.equals(Optional.of(TlsProtocol.TLSv1_3))) {
          group = NamedGroup.byName("ffdhe" + bits);
        } else {
          dhBits = Optional.of(bits);
        }
      } else {
        group = NamedGroup.byName(parts[0].toLowerCase(java.util.Locale.ROOT));
      }
    }
    return new OpensslClientView(protocol, suite, group, dhBits, find(out, "^ALPN protocol: (\\S+)"),
        out.contains("OCSP Response Status: successful"), out.contains("Secure Renegotiation IS supported"),
        out.contains("Extended master secret: yes"),
        find(out, "Verify return code: (\\d+)").map(Integer::parseInt).orElse(-1), out);
  }

  private static Optional<NamedGroup> curve(String openSslName) {
    return switch (openSslName) {
      case "prime256v1" -> NamedGroup.byName("secp256r1");
      default -> NamedGroup.byName(openSslName);
    };
  }

  private static Optional<String> find(String text, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
