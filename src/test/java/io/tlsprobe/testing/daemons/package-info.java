/**
 * Real Debian daemons (postfix, dovecot, vsftpd, INN, slapd, PostgreSQL, MariaDB, prosody, nginx) started by tests on
 * loopback high ports with every file in a scratch directory and a generated certificate: one public fixture class
 * per daemon, {@code start(Path dir, HeldCertificate cert)} gives the ports, {@code close()} stops the daemon. Reused
 * by the STARTTLS, scan and capture tests.
 */
@NullMarked
package io.tlsprobe.testing.daemons;

import org.jspecify.annotations.NullMarked;
