/**
 * The report model: immutable records saying what one TLS connection negotiated, seen from the probe (a server we
 * connected to) or from a capture server (a client that connected to us). Every field comes from the wire or from
 * JSSE; what neither tells is empty, never guessed.
 *
 * <p>Imports the vocabulary and the wire codec only: no JUnit, no AssertJ, no sockets.
 */
@NullMarked
package io.tlsprobe.report;

import org.jspecify.annotations.NullMarked;
