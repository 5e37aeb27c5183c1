/**
 * The scan: everything a server accepts, found with hand-made ClientHellos that are read only up to the server's
 * answer (a ServerHello, HelloRetryRequest or ServerKeyExchange, an alert, a close; on a TLS 1.3-only server, the
 * decrypted EncryptedExtensions and Certificate of its first flight). No handshake is completed and
 * nothing JVM-wide is touched, so the scan sees what the JDK itself would refuse to offer: SSL 3.0, TLS 1.0, RC4,
 * 3DES, NULL, export and anonymous suites.
 *
 * <pre>{@code
 * ServerProfile profile = TlsScans.scan(ScanOptions.builder("localhost", 8443).build());
 * profile.acceptedProtocols(); // [TLSv1_2, TLSv1_3]
 * }</pre>
 *
 * <p>Public: {@link io.tlsprobe.scan.TlsScans} and {@link io.tlsprobe.scan.ScanOptions}; the profile is
 * {@link io.tlsprobe.report.ServerProfile}. The rest is package-private.
 */
@NullMarked
package io.tlsprobe.scan;

import org.jspecify.annotations.NullMarked;
