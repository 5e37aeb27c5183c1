/**
 * Tests of the probe against real peers: in-process JSSE servers, {@code openssl s_server} (checked field by field
 * against {@code openssl s_client}), and hostile loopback peers that stay silent, speak other protocols, reset or
 * send broken records.
 */
@NullMarked
package io.tlsprobe.probe;

import org.jspecify.annotations.NullMarked;
