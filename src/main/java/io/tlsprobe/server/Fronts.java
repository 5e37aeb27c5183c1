package io.tlsprobe.server;

import io.tlsprobe.starttls.ServiceProtocol;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The capture server's {@link Front}s: which plain-text protocols it can serve. */
final class Fronts {
  private Fronts() {}

  /** The front serving {@code protocol}; empty for HTTPS (served by the capture server itself) and unsupported ones. */
  static Optional<Front> of(ServiceProtocol protocol) {
    return Optional.ofNullable(switch (protocol) {
      case SMTP, SUBMISSION -> new SmtpFront();
      case HTTPS, NONE, LMTP, FTP, IMAP, POP3, NNTP, LDAP, XMPP, XMPP_SERVER, POSTGRES, MYSQL, SIEVE -> null;
    });
  }

  /** The protocols a capture server serves: HTTPS and those with a front. */
  static List<ServiceProtocol> supported() {
    return Arrays.stream(ServiceProtocol.values())
        .filter(p -> p == ServiceProtocol.HTTPS || of(p).isPresent()).toList();
  }
}
