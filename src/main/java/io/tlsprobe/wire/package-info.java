/**
 * A pure codec for TLS records and handshake messages: no I/O, no JSSE, no JUnit.
 *
 * <p>Every length is bound-checked; malformed input gives one {@link io.tlsprobe.wire.TlsDecodeException} naming
 * the field and byte offset.
 */
@NullMarked
package io.tlsprobe.wire;

import org.jspecify.annotations.NullMarked;
