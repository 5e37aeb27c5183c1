package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.absentGroup;
import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a connection whose key exchange has no post-quantum part (ML-KEM alone or in a hybrid).
 *
 * <pre>
 * Expecting TLS connection to use a post-quantum key exchange
 * but it used:
 *   x25519 (ELLIPTIC_CURVE)
 * Connection: localhost:8443 (direct): established, TLSv1.3, TLS_AES_128_GCM_SHA256 (128 bits), group x25519, …
 * </pre>
 */
public final class ShouldUsePostQuantumKeyExchange extends BasicErrorMessageFactory {

  private ShouldUsePostQuantumKeyExchange(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, whose key exchange is classical or unknown. */
  public static ErrorMessageFactory shouldUsePostQuantumKeyExchange(TlsConnectionReport report) {
    String keyExchange = Render.keyExchange(report);
    if (keyExchange != null) {
      return new ShouldUsePostQuantumKeyExchange(
          "%nExpecting TLS connection to use a post-quantum key exchange%nbut it used:%n  %s%s",
          keyExchange, connection(report));
    }
    return new ShouldUsePostQuantumKeyExchange(
        "%nExpecting TLS connection to use a post-quantum key exchange%nbut no group was negotiated (%s)%s",
        absentGroup(report), connection(report));
  }
}
