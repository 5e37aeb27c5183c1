/**
 * Test support shared by every test of tlsprobe: finding the external tools and files that interop tests need
 * (skip without them, fail under {@code TLSPROBE_INTEROP=required}), running external processes with a hard
 * timeout, and picking free loopback ports.
 */
@NullMarked
package io.tlsprobe.testing;

import org.jspecify.annotations.NullMarked;
