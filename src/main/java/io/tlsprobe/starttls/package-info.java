/**
 * STARTTLS: the plain-text exchanges that upgrade a classic protocol's connection to TLS, and the protocols' default
 * ports for the upgrade and for implicit TLS. {@link io.tlsprobe.starttls.StartTls} names a dialect;
 * {@link io.tlsprobe.starttls.ServiceProtocol} names a service and its ports; {@link
 * io.tlsprobe.starttls.StartTlsClient} performs the client side of an upgrade over any byte channel and records the
 * {@link io.tlsprobe.report.PlainTextPhase}.
 *
 * <pre>{@code
 * TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("localhost", 2525)
 *     .startTls(StartTls.SMTP).build());
 * report.endpoint().connection();            // "starttls:smtp"
 * report.plainTextPhase().orElseThrow().capabilitiesBefore();
 * }</pre>
 */
@NullMarked
package io.tlsprobe.starttls;

import org.jspecify.annotations.NullMarked;
