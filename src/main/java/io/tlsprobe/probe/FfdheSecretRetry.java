package io.tlsprobe.probe;

import io.tlsprobe.NamedGroup;
import io.tlsprobe.wire.ServerHello;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.net.ssl.SSLException;

/**
 * When a probe gets a second connection: JSSE failed to decrypt the server's first encrypted record after the server
 * chose TLS 1.3 with a finite-field group. JSSE in JDKs without the fix for <a
 * href="https://bugs.openjdk.org/browse/JDK-8328046">JDK-8328046</a> (17 among them) drops the leading zero bytes of a
 * TLS 1.3 FFDHE shared secret, which RFC 8446 section 7.4.1 pads to the prime's size, so about one handshake in 256
 * derives the wrong keys and fails with "Tag mismatch" although the server did nothing wrong. A second connection
 * draws a new key; the report says that the first one failed and why it may have.
 */
final class FfdheSecretRetry {
  /** How deep into a chain of causes to look (a chain may loop). */
  private static final int MAX_CAUSES = 8;

  private FfdheSecretRetry() {}

  /**
   * What went wrong on {@code attempt} when it earns a second connection, for the report's reason; empty when it does
   * not (it completed, or failed in any other way).
   */
  static Optional<String> reason(JsseAttempt attempt) {
    SSLException failure = attempt.failure();
    ServerHello hello = attempt.received().serverHello().orElse(null);
    if (attempt.established() || failure == null || hello == null || hello.isHelloRetryRequest()
        || hello.selectedVersion() != 0x0304 || !decryptionFailed(failure)) {
      return Optional.empty();
    }
    return hello.keyShareGroup().map(NamedGroup::of).filter(g -> g.kind() == NamedGroup.Kind.FINITE_FIELD)
        .map(g -> "JSSE could not decrypt the server's flight after it chose TLSv1.3 with " + g.name() + " ("
            + failure.getMessage() + "), as JSSE without the fix for JDK-8328046 does in about one handshake in 256"
            + " (it drops a leading zero byte of the FFDHE secret)");
  }

  /** An AEAD tag that did not verify: the keys of the two sides differ. */
  private static boolean decryptionFailed(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
      if (t instanceof AEADBadTagException || String.valueOf(t.getMessage()).contains("Tag mismatch")) {
        return true;
      }
    }
    return false;
  }
}
