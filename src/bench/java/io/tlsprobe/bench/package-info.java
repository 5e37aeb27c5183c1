/**
 * Benchmarks of the probe's latency (BENCHMARKS.md): {@link io.tlsprobe.bench.ProbeLatencyBenchmark} measures one
 * {@code TlsProbes.probe} next to a bare JSSE handshake with the same settings, against an in-process JSSE server
 * and {@code openssl s_server}, all on loopback; {@link io.tlsprobe.bench.CaptureLatencyBenchmark},
 * {@link io.tlsprobe.bench.CaptureStartBenchmark} and {@link io.tlsprobe.bench.CaptureLoad} measure the capture
 * server. Compiled and run only with the {@code bench} Maven profile:
 *
 * <pre>{@code
 * bash src/bench/run.sh
 * bash src/bench/capture.sh
 * }</pre>
 */
@NullMarked
package io.tlsprobe.bench;

import org.jspecify.annotations.NullMarked;
