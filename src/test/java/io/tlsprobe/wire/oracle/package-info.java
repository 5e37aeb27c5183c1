/**
 * Live oracle tests: tshark dissects, at test time, the bytes our codec encodes and real servers' first flights,
 * and every field it prints must equal what {@code io.tlsprobe.wire} reads. The bytes reach tshark through a pcap
 * file of a synthetic TCP connection ({@link io.tlsprobe.wire.oracle.PcapWriter}), so nothing is captured live.
 */
@NullMarked
package io.tlsprobe.wire.oracle;

import org.jspecify.annotations.NullMarked;
