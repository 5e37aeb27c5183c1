#!/usr/bin/env bash
# Capture server benchmark (BENCHMARKS.md, "Capture server"), in one run:
#   1. per-connection cost: TlsCaptureServer next to a plain JSSE SSLServerSocket with the same ServerIdentity and
#      the same client, TLS 1.3 and 1.2 (JMH CaptureLatencyBenchmark), and the same interleaved in blocks with the
#      process CPU per connection (CaptureLoad);
#   2. server start: the first in a fresh JVM (with the test authority's generation), VALID.identity() alone, and
#      later starts (JMH CaptureStartBenchmark);
#   3. 200 concurrent HTTPS clients against one capture server, checked and timed (CaptureLoad).
#
#   bash src/bench/capture.sh            # about 3 minutes on 2 cores
#   bash src/bench/capture.sh --quick    # a smoke run: checks the pipeline, not the figures
#
# Environment: JMH_ARGS (extra JMH options for the latency benchmark), ROUNDS (interleaved connections per server
# and protocol after as many warm-up ones, default 300), CLIENTS (default 200), RUNS (concurrent runs, default 5).
# Output: target/bench/capture-latency-TLSv1.x.json, capture-start.json, capture-load.md, capture-summary.md,
# capture-machine.txt, logs.
# Loopback only; every JVM is bounded by timeout.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

JMH_ARGS=${JMH_ARGS:-}
ROUNDS=${ROUNDS:-300}
CLIENTS=${CLIENTS:-200}
RUNS=${RUNS:-5}
START_ARGS=""
if [ "${1:-}" = "--quick" ]; then
  JMH_ARGS="-wi 1 -w 1 -i 1 -r 1 $JMH_ARGS" ROUNDS=50 RUNS=1 START_ARGS="-f 1"
fi

OUT=target/bench
mkdir -p "$OUT"
. src/bench/lib.sh
started=$(date +%s)

echo "== machine"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "java: $(java -version 2>&1 | sed -n 2p)"
  echo "uptime at start: $(uptime)"
} | tee "$OUT/capture-machine.txt"

echo "== build (mvn -Pbench -DskipTests test-compile)"
mvn -B -q -Pbench -DskipTests test-compile
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"

# One JMH run per protocol, so that the capture server and the plain server of one protocol run back to back and a
# change in the machine's load between runs does not land on one of them only.
rm -f "$OUT"/capture-latency-*.json "$OUT/capture-latency.log"
for protocol in TLSv1.3 TLSv1.2; do
  echo "== JMH CaptureLatencyBenchmark protocol=$protocol (load before: $(load))" | tee -a "$OUT/capture-machine.txt"
  # shellcheck disable=SC2086  # JMH_ARGS is a list of options
  timeout 600 java -cp "$CP" org.openjdk.jmh.Main CaptureLatencyBenchmark -p protocol="$protocol" -rf json \
    -rff "$OUT/capture-latency-$protocol.json" $JMH_ARGS | tee -a "$OUT/capture-latency.log"
done

echo "== JMH CaptureStartBenchmark (load before: $(load))" | tee -a "$OUT/capture-machine.txt"
# shellcheck disable=SC2086
timeout 600 java -cp "$CP" org.openjdk.jmh.Main CaptureStartBenchmark -rf json -rff "$OUT/capture-start.json" \
  $START_ARGS | tee "$OUT/capture-start.log"

echo "== interleaved cost and $CLIENTS concurrent clients x $RUNS (load before: $(load))" \
  | tee -a "$OUT/capture-machine.txt"
timeout 900 java -cp "$CP" io.tlsprobe.bench.CaptureLoad --warmup "$ROUNDS" --rounds "$ROUNDS" \
  --clients "$CLIENTS" --runs "$RUNS" | tee "$OUT/capture-load.md"
echo "uptime at end: $(uptime)" | tee -a "$OUT/capture-machine.txt"
echo "run time: $(($(date +%s) - started)) s" | tee -a "$OUT/capture-machine.txt"

echo "== summary"
{
  java -cp "$CP" io.tlsprobe.bench.CaptureSummary "$OUT"/capture-latency-*.json "$OUT/capture-start.json"
  echo
  echo "Interleaved (blocks of 25 connections; $ROUNDS per server and protocol after as many warm-up ones) and"
  echo "$CLIENTS concurrent clients"
  echo
  cat "$OUT/capture-load.md"
  echo
  cat "$OUT/capture-machine.txt"
} | tee "$OUT/capture-summary.md"
