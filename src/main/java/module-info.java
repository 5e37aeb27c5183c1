/**
 * tlsprobe: prove in a test that TLS is strong.
 *
 * <p>Exported packages are the public surface; everything under {@code …internal} and the command line are not.
 */
module io.tlsprobe {
  requires static transitive org.jspecify;
  requires tools.jackson.core;
  requires org.bouncycastle.provider;
  requires static info.picocli;

  exports io.tlsprobe;
  exports io.tlsprobe.wire;
  exports io.tlsprobe.report;

  opens io.tlsprobe.cli to info.picocli;
}
