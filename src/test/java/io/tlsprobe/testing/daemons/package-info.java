/**
 * Real Debian daemons (postfix, dovecot, slapd, …) started by tests on loopback high ports with every file in a
 * scratch directory: one public fixture class per daemon, {@code start(Path dir, HeldCertificate cert)} → ports,
 * {@code close()}.
 */
@NullMarked
package io.tlsprobe.testing.daemons;

import org.jspecify.annotations.NullMarked;
