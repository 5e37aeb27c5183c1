/**
 * The probe: one TLS handshake with a server, driven through JSSE's {@code SSLEngine} with a transcript tap that hands
 * every plaintext handshake byte to the wire codec, so the {@link io.tlsprobe.report.TlsConnectionReport} says what
 * the server chose even when JSSE refuses it. When the server refuses JSSE's offer outright, one hand-made
 * ClientHello offering every version and suite finds out what it would choose.
 *
 * <pre>{@code
 * TlsConnectionReport report = TlsProbes.probe("localhost", 8443);
 * report.outcome();      // established: handshake completed
 * report.protocol();     // Optional[TLSv1_3]
 * }</pre>
 *
 * <p>Public: {@link io.tlsprobe.probe.TlsProbes} and {@link io.tlsprobe.probe.ProbeOptions}; the rest is
 * package-private. Nothing JVM-global is changed: every probe has its own {@code SSLContext}.
 */
@NullMarked
package io.tlsprobe.probe;

import org.jspecify.annotations.NullMarked;
