/**
 * Real Debian daemons started by tests on loopback high ports with every file in a scratch directory, each configured
 * with a generated certificate for STARTTLS and implicit TLS: {@code start(Path dir, HeldCertificate cert)} gives the
 * ports, {@code close()} stops the daemon. Shared by the STARTTLS, scan and capture tests.
 */
@NullMarked
package io.tlsprobe.testing.daemons;

import org.jspecify.annotations.NullMarked;
