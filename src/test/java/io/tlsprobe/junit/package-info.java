/**
 * Tests of {@code @TlsProbe}: fixture classes ({@code …TestCase}, enabled only through {@link
 * io.tlsprobe.junit.Fixtures}) run through {@code junit-platform-testkit} against in-process JSSE servers on
 * loopback, with exact outcomes and failure messages asserted.
 */
@NullMarked
package io.tlsprobe.junit;

import org.jspecify.annotations.NullMarked;
