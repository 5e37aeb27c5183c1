/**
 * tlsprobe: prove in a test that TLS is strong.
 *
 * <p>Exported packages are the public surface; everything under {@code …internal} and the command line are not.
 */
module io.tlsprobe {
  requires static transitive org.jspecify;
  requires tools.jackson.core;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;
  requires static info.picocli;
  requires static MockFtpServer; // optional: only the FTP front of the capture server loads it
  requires static java.net.http; // compile-time only: tests drive the capture server with the JDK HttpClient
  requires static transitive org.assertj.core;
  requires static transitive org.junit.jupiter.api;

  exports io.tlsprobe;
  exports io.tlsprobe.wire;
  exports io.tlsprobe.report;
  exports io.tlsprobe.probe;
  exports io.tlsprobe.scan;
  exports io.tlsprobe.policy;
  exports io.tlsprobe.cert;
  exports io.tlsprobe.server;
  exports io.tlsprobe.starttls;
  exports io.tlsprobe.assertj;
  exports io.tlsprobe.assertj.error;
  exports io.tlsprobe.junit;

  opens io.tlsprobe.cli to info.picocli;
  opens io.tlsprobe.junit to org.junit.platform.commons;
}
