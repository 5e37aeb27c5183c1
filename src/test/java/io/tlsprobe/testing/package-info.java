/**
 * Test support shared by every test of tlsprobe: finding the external tools and files that interop tests need
 * (skip without them, fail under {@code TLSPROBE_INTEROP=required}), running external processes with a hard
 * timeout, picking free loopback ports, and the in-process JSSE server and certificates many tests start.
 */
@NullMarked
package io.tlsprobe.testing;

import org.jspecify.annotations.NullMarked;
