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
      case IMAP -> new ImapFront();
      case POP3 -> new Pop3Front();
      case POSTGRES -> new PostgresFront();
      case NNTP -> new NntpFront();
      case HTTPS, NONE, LMTP, FTP, LDAP, XMPP, XMPP_SERVER, MYSQL, SIEVE -> null;
    });
  }

  /** The protocols a capture server serves: HTTPS and those with a front. */
  static List<ServiceProtocol> supported() {
    return Arrays.stream(ServiceProtocol.values())
        .filter(p -> p == ServiceProtocol.HTTPS || of(p).isPresent()).toList();
  }
}
