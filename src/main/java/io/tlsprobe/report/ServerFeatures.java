package io.tlsprobe.report;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The protocol features a scan asked a server about, each a {@link Finding} with its evidence, as testssl.sh and
 * sslscan list them: TLS compression (the CRIME attack), secure renegotiation (RFC 5746), TLS_FALLBACK_SCSV (RFC
 * 7507), extended master secret (RFC 7627), encrypt-then-MAC (RFC 7366), session tickets (RFC 5077), OCSP stapling
 * (RFC 6066 section 8), ALPN (RFC 7301) and the Heartbeat extension (RFC 6520).
 *
 * <pre>{@code
 * ServerFeatures f = TlsScans.scan(ScanOptions.builder("localhost", 8443).build()).features();
 * f.compression().isNo();          // true: the server never chose DEFLATE
 * f.fallbackScsv().isYes();        // true: a TLS 1.1 hello with the SCSV got inappropriate_fallback
 * f.applicationProtocols();        // [h2, http/1.1]
 * }</pre>
 *
 * @param compression whether the server accepts TLS compression (yes is bad: CRIME)
 * @param secureRenegotiation whether it answers with {@code renegotiation_info}
 * @param fallbackScsv whether it refuses a lower-version hello carrying {@code TLS_FALLBACK_SCSV}
 * @param extendedMasterSecret whether it answers with {@code extended_master_secret}
 * @param encryptThenMac whether it answers a CBC suite with {@code encrypt_then_mac}
 * @param sessionTickets whether it answers with {@code session_ticket}
 * @param ocspStapling whether it answers with {@code status_request} (and staples a response)
 * @param heartbeat whether it accepts the Heartbeat extension (yes is a risk: Heartbleed-class bugs)
 * @param alpn whether it chose any application protocol offered
 * @param applicationProtocols the ALPN protocols it accepted, in its order of preference when it has one
 */
public record ServerFeatures(Finding compression, Finding secureRenegotiation, Finding fallbackScsv,
    Finding extendedMasterSecret, Finding encryptThenMac, Finding sessionTickets, Finding ocspStapling,
    Finding heartbeat, Finding alpn, List<String> applicationProtocols) {
  public ServerFeatures {
    requireNonNull(compression, "compression");
    requireNonNull(secureRenegotiation, "secureRenegotiation");
    requireNonNull(fallbackScsv, "fallbackScsv");
    requireNonNull(extendedMasterSecret, "extendedMasterSecret");
    requireNonNull(encryptThenMac, "encryptThenMac");
    requireNonNull(sessionTickets, "sessionTickets");
    requireNonNull(ocspStapling, "ocspStapling");
    requireNonNull(heartbeat, "heartbeat");
    requireNonNull(alpn, "alpn");
    applicationProtocols = List.copyOf(applicationProtocols);
  }

  /**
   * Every finding by its JSON name, in this record's order: {@code compression}, {@code secure_renegotiation},
   * {@code fallback_scsv}, {@code extended_master_secret}, {@code encrypt_then_mac}, {@code session_tickets},
   * {@code ocsp_stapling}, {@code heartbeat}, {@code alpn}.
   */
  public Map<String, Finding> byName() {
    Map<String, Finding> all = new LinkedHashMap<>();
    all.put("compression", compression);
    all.put("secure_renegotiation", secureRenegotiation);
    all.put("fallback_scsv", fallbackScsv);
    all.put("extended_master_secret", extendedMasterSecret);
    all.put("encrypt_then_mac", encryptThenMac);
    all.put("session_tickets", sessionTickets);
    all.put("ocsp_stapling", ocspStapling);
    all.put("heartbeat", heartbeat);
    all.put("alpn", alpn);
    return Collections.unmodifiableMap(all);
  }

  /** Every feature unknown for the same reason, e.g. {@code "not scanned"}. */
  public static ServerFeatures unknown(String why) {
    Finding u = Finding.unknown(why);
    return new ServerFeatures(u, u, u, u, u, u, u, u, u, List.of());
  }
}
