/**
 * In-process capture servers: a test points a client at one, and gets back what the client offered and agreed, as
 * a {@link io.tlsprobe.report.TlsConnectionReport} seen from the server side. Entry point: {@link
 * io.tlsprobe.server.TlsCaptureServer}.
 *
 * <p>Depends on the report model, the codec, the certificates and the vocabulary; never on the probe.
 */
@NullMarked
package io.tlsprobe.server;

import org.jspecify.annotations.NullMarked;
