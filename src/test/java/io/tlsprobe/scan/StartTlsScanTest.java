package io.tlsprobe.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.starttls.StartTls;
import io.tlsprobe.testing.SmtpFront;
import io.tlsprobe.testing.TestCertificates;
import io.tlsprobe.testing.daemons.PostfixServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan over SMTP STARTTLS: every connection speaks EHLO and STARTTLS through the probe's own dialect before its
 * ClientHello. The servers are the test front {@link SmtpFront} (JSSE behind an ESMTP greeting) and a private postfix
 * (OpenSSL); sslscan's {@code --starttls-smtp} scans the same servers.
 */
class StartTlsScanTest {

  @Test
  void findsWhatSslscanFindsThroughSmtpStartTls() throws Exception {
    try (SmtpFront front = SmtpFront.start()) {
      Versus v = Versus.run("SMTP STARTTLS (JSSE front)", front.port(), b -> b.startTls(StartTls.SMTP),
          "--starttls-smtp");
      ServerProfile ours = v.ours();
      Sslscan theirs = v.theirs();

      assertThat(ours.endpoint().connection()).isEqualTo("starttls:smtp");
      assertThat(ours.acceptedProtocols()).contains(TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_3);
      OpensslScanTest.assertSameVersionsAndSuites(ours, theirs);
      OpensslScanTest.assertSameGroups(ours, theirs, TlsProtocol.TLSv1_3);
      // TLS 1.2 curves: sslscan offers one curve per hello, and JSSE refuses ECDHE_ECDSA unless the certificate's
      // curve (P-256) is listed too (RFC 8422 section 5.1), so sslscan lists P-256 alone, though its own cipher lines
      // say the key exchange used x25519. We list the curves found so far after the remaining ones, and find the
      // same curves JSSE has in TLS 1.3.
      assertThat(theirs.xml()).contains("sslversion=\"TLSv1.2\"").contains("curve=\"25519\"");
      assertThat(ours.protocol(TlsProtocol.TLSv1_2).orElseThrow().groups())
          .containsAll(theirs.groups(TlsProtocol.TLSv1_2).stream().map(NamedGroup::of).toList())
          .containsExactlyInAnyOrderElementsOf(ours.protocol(TlsProtocol.TLSv1_3).orElseThrow().groups().stream()
              .filter(g -> g.kind() == NamedGroup.Kind.ELLIPTIC_CURVE).toList());
    }
  }

  @Test
  void findsWhatSslscanFindsOnPostfixWithDebianDefaultsThroughSmtpStartTls(@TempDir Path dir) throws Exception {
    try (PostfixServer postfix = PostfixServer.start(dir, TestCertificates.localhost())) {
      Versus v = Versus.run("SMTP STARTTLS (postfix)", postfix.startTlsPort(), b -> b.startTls(StartTls.SMTP),
          "--starttls-smtp");
      ServerProfile ours = v.ours();
      Sslscan theirs = v.theirs();

      // Debian's postfix defaults (smtpd_tls_security_level = may) take TLS 1.0 and anonymous suites (DAEMONS.md)
      assertThat(ours.accepts(TlsProtocol.TLSv1)).isTrue();
      assertThat(ours.acceptedCipherSuites()).anyMatch(s -> s.authentication().equals("anon"));
      OpensslScanTest.assertSameVersionsAndSuites(ours, theirs);
      OpensslScanTest.assertSameGroups(ours, theirs, TlsProtocol.TLSv1_3);
      assertThat(ours.protocol(TlsProtocol.TLSv1_2).orElseThrow().groups())
          .containsAll(theirs.groups(TlsProtocol.TLSv1_2).stream().map(NamedGroup::of).toList());
    }
  }

  @Test
  void reportsAServerThatRefusesTheUpgradeAsPartialQuotingItsAnswer() throws Exception {
    try (SmtpFront front = SmtpFront.builder().refuseStartTls(true).start()) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", front.port())
          .startTls(StartTls.SMTP).build());

      assertThat(profile.acceptedProtocols()).isEmpty();
      assertThat(profile.isComplete()).isFalse();
      assertThat(profile.partialReason().orElseThrow()).contains("smtp upgrade failed").contains("454");
    }
  }
}
