/** The probe: one TLS handshake against a server, observed on the wire and judged, as a report. */
@NullMarked
package io.tlsprobe.probe;

import org.jspecify.annotations.NullMarked;
