/**
 * A pure codec for TLS records and handshake messages: no I/O, no JSSE, no JUnit.
 *
 * <p>{@link io.tlsprobe.wire.TlsDecoder} reads one direction of a connection into records, handshake messages
 * ({@link io.tlsprobe.wire.ClientHello}, {@link io.tlsprobe.wire.ServerHello} and HelloRetryRequest,
 * {@link io.tlsprobe.wire.CertificateMessage}, {@link io.tlsprobe.wire.ServerKeyExchange}, …) and alerts; every
 * common extension is a typed record and the rest {@link io.tlsprobe.wire.RawExtension}s, so that decoding then
 * encoding gives back the same bytes. {@link io.tlsprobe.wire.ClientHelloBuilder} makes hellos the JDK will not
 * send, and {@link io.tlsprobe.wire.Ja3}, {@link io.tlsprobe.wire.Ja3s} and {@link io.tlsprobe.wire.Ja4}
 * fingerprint them. Code points stay plain {@code int}s.
 *
 * <pre>{@code
 * Decoded d = TlsDecoder.decode(bytesFromTheClient);
 * ClientHello hello = d.clientHello().orElseThrow();
 * Ja4.of(hello).fingerprint(); // "t13d1516h2_8daaf6152771_e5627efa2ab1"
 * }</pre>
 *
 * <p>Every length is bound-checked; malformed input gives one {@link io.tlsprobe.wire.TlsDecodeException} naming
 * the field and byte offset, and no other exception escapes a decode method.
 */
@NullMarked
package io.tlsprobe.wire;

import org.jspecify.annotations.NullMarked;
