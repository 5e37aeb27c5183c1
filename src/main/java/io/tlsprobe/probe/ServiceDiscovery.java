package io.tlsprobe.probe;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.ServiceProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which ways a service offers TLS, found by trying both: the implicit-TLS port and the STARTTLS upgrade on the classic
 * port, each with a full {@link TlsConnectionReport}.
 *
 * <pre>{@code
 * ServiceDiscovery found = TlsProbes.discover("mail.test", ServiceProtocol.IMAP);
 * found.offersImplicitTls();   // true: 993 completed a handshake
 * found.offersStartTls();      // false: 143 did not advertise STARTTLS
 * found.startTls().get().outcome().reason();  // server did not advertise STARTTLS; capabilities were: …
 * }</pre>
 *
 * @param host the host probed
 * @param protocol the service
 * @param implicitTls the report of the implicit-TLS port, empty when the service has none or it was not tried
 * @param startTls the report of the STARTTLS upgrade, empty when the service has none or it was not tried
 */
public record ServiceDiscovery(
    String host,
    ServiceProtocol protocol,
    Optional<TlsConnectionReport> implicitTls,
    Optional<TlsConnectionReport> startTls) {

  public ServiceDiscovery {
    requireNonNull(host, "host");
    requireNonNull(protocol, "protocol");
    requireNonNull(implicitTls, "implicitTls");
    requireNonNull(startTls, "startTls");
  }

  /** Whether the implicit-TLS port completed a handshake. */
  public boolean offersImplicitTls() {
    return implicitTls.map(r -> r.outcome().isEstablished()).orElse(false);
  }

  /** Whether the STARTTLS upgrade completed a handshake. */
  public boolean offersStartTls() {
    return startTls.map(r -> r.outcome().isEstablished()).orElse(false);
  }

  /** Every report made, implicit TLS first. */
  public List<TlsConnectionReport> reports() {
    List<TlsConnectionReport> all = new ArrayList<>(2);
    implicitTls.ifPresent(all::add);
    startTls.ifPresent(all::add);
    return List.copyOf(all);
  }

  /**
   * {@code imap on mail.test: implicit TLS on 993 yes, STARTTLS on 143 no (starttls_failed: server did not advertise
   * STARTTLS; …)}.
   */
  @Override
  public String toString() {
    return protocol.cliName() + " on " + host + ": implicit TLS " + describe(implicitTls) + ", STARTTLS "
        + describe(startTls);
  }

  private static String describe(Optional<TlsConnectionReport> report) {
    return report.map(r -> "on " + r.endpoint().port() + " " + (r.outcome().isEstablished() ? "yes" : "no ("
        + r.outcome() + ")")).orElse("not tried");
  }
}
