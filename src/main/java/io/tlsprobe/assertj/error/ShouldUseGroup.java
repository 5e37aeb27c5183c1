package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.absentGroup;
import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.NamedGroup;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a connection that did not use the expected key-exchange group, or none.
 *
 * <pre>
 * Expecting TLS connection to use key-exchange group:
 *   X25519MLKEM768
 * but it used:
 *   x25519
 * Connection: localhost:8443 (direct): established, TLSv1.3, TLS_AES_128_GCM_SHA256 (128 bits), group x25519, …
 * </pre>
 */
public final class ShouldUseGroup extends BasicErrorMessageFactory {

  private ShouldUseGroup(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, which did not use {@code expected}. */
  public static ErrorMessageFactory shouldUseGroup(TlsConnectionReport report, NamedGroup expected) {
    if (report.group().isPresent()) {
      return new ShouldUseGroup(
          "%nExpecting TLS connection to use key-exchange group:%n  %s%nbut it used:%n  %s%s",
          expected.name(), report.group().get().name(), connection(report));
    }
    if (report.dhPrimeBits().isPresent()) {
      return new ShouldUseGroup(
          "%nExpecting TLS connection to use key-exchange group:%n  %s%nbut it used:%n  %s%s",
          expected.name(), "DHE with a " + report.dhPrimeBits().get() + "-bit prime (no named group)",
          connection(report));
    }
    return new ShouldUseGroup(
        "%nExpecting TLS connection to use key-exchange group:%n  %s%nbut no group was negotiated (%s)%s",
        expected.name(), absentGroup(report), connection(report));
  }
}
