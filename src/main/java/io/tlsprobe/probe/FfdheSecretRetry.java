package io.tlsprobe.probe;

import io.tlsprobe.report.JsseDefects;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * When a probe gets a second connection: JSSE failed to decrypt the server's first encrypted record after the server
 * chose TLS 1.3 with a finite-field group ({@link JsseDefects#ffdheLeadingZero}: JDK-8328046 fails about one such
 * handshake in 256 although the server did nothing wrong). A second connection draws a new key; the report says that
 * the first one failed and why it may have.
 */
final class FfdheSecretRetry {
  private FfdheSecretRetry() {}

  /**
   * What went wrong on {@code attempt} when it earns a second connection, for the report's reason; empty when it does
   * not (it completed, or failed in any other way).
   */
  static Optional<String> reason(JsseAttempt attempt) {
    SSLException failure = attempt.failure();
    if (attempt.established() || failure == null) {
      return Optional.empty();
    }
    return attempt.received().serverHello().flatMap(hello -> JsseDefects.ffdheLeadingZero(hello, failure))
        .map(why -> "JSSE could not decrypt the server's flight after it chose TLSv1.3 with " + why);
  }
}
