package io.tlsprobe.scan;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.report.Finding;
import io.tlsprobe.wire.CertificateStatus;
import io.tlsprobe.wire.ExtensionTypes;
import io.tlsprobe.wire.HeartbeatExtension;
import io.tlsprobe.wire.RenegotiationInfoExtension;
import io.tlsprobe.wire.ServerHello;
import java.util.Optional;

/**
 * The findings one TLS 1.2-or-older ServerHello decides, each with the bytes as evidence: the compression method it
 * chose, and which of the extensions the feature hello offered it answered (RFC 5246 section 7.4.1.4: a server answers
 * only extensions the client offered, so an answer means support and silence means none).
 *
 * @param hello the ServerHello
 * @param version its version's JSSE name, for evidence: {@code TLSv1.2}
 * @param status the CertificateStatus that followed it, if any
 */
record ServerHelloFindings(ServerHello hello, String version, Optional<CertificateStatus> status) {

  private String where() {
    return "the " + version + " ServerHello";
  }

  /** DEFLATE chosen (yes, CRIME) or null chosen though DEFLATE was offered first (no). */
  Finding compression() {
    int m = hello.compressionMethod();
    if (m == FeatureScan.DEFLATE) {
      return Finding.yes("compression method DEFLATE (1) in " + where() + ", offered before null (0)");
    }
    if (m == 0) {
      return Finding.no("compression method null (0) in " + where() + ", though DEFLATE (1) was offered first");
    }
    return Finding.unknown("compression method " + m + ", which was not offered, in " + where());
  }

  /** renegotiation_info with an empty renegotiated_connection (RFC 5746 section 3.6). */
  Finding renegotiation() {
    Optional<RenegotiationInfoExtension> info = hello.extension(RenegotiationInfoExtension.class);
    if (info.isPresent() && info.get().renegotiatedConnection().length() == 0) {
      return Finding.yes("renegotiation_info in " + where());
    }
    if (info.isPresent()) {
      return Finding.no("renegotiation_info with " + info.get().renegotiatedConnection().length()
          + " bytes of renegotiated_connection (must be empty, RFC 5746 section 3.6) in " + where());
    }
    return Finding.no("no renegotiation_info in " + where() + (version.equals("SSLv3")
        ? " to a hello with TLS_EMPTY_RENEGOTIATION_INFO_SCSV" : " to a hello offering it"));
  }

  Finding extendedMasterSecret() {
    return echo(ExtensionTypes.EXTENDED_MASTER_SECRET, "extended_master_secret", "");
  }

  /** encrypt_then_mac, which only a CBC suite may be answered with (RFC 7366 section 3). */
  Finding encryptThenMac() {
    return echo(ExtensionTypes.ENCRYPT_THEN_MAC, "encrypt_then_mac",
        " choosing " + CipherSuite.of(hello.cipherSuite()).name());
  }

  Finding sessionTickets() {
    return echo(ExtensionTypes.SESSION_TICKET, "session_ticket", "");
  }

  /** status_request answered, and the CertificateStatus that followed it, if any. */
  Finding ocspStapling() {
    String after = status.map(s -> ", then a CertificateStatus with a " + s.response().length()
        + "-byte OCSP response").orElse("");
    return echo(ExtensionTypes.STATUS_REQUEST, "status_request", after);
  }

  Finding heartbeat() {
    String mode = hello.extension(HeartbeatExtension.class).map(h -> h.mode() == 1 ? " (peer_allowed_to_send)"
        : h.mode() == 2 ? " (peer_not_allowed_to_send)" : " (mode " + h.mode() + ")").orElse("");
    return echo(ExtensionTypes.HEARTBEAT, "heartbeat", mode);
  }

  private Finding echo(int type, String name, String more) {
    if (hello.extension(type).isPresent()) {
      return Finding.yes(name + " in " + where() + more);
    }
    return Finding.no("no " + name + " in " + where() + more + " to a hello offering it");
  }
}
