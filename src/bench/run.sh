#!/usr/bin/env bash
# Probe latency benchmark (BENCHMARKS.md): starts one `openssl s_server -www` for TLS 1.3 and one for TLS 1.2 on
# loopback, runs the JMH benchmarks (the probe, bare JSSE handshakes) against them and an in-process JSSE server,
# then the first-handshake (cold JVM) benchmark, times `openssl s_client` (a process per handshake) and
# `openssl s_time -new` (handshakes in one process) against the SAME servers, runs the interleaved cross-check, and
# prints the tables with the ratios.
#
#   bash src/bench/run.sh            # about 4-5 minutes on 2 cores
#   bash src/bench/run.sh --quick    # a smoke run: short iterations, few s_client runs
#
# Environment: RUNS (s_client runs per protocol, default 50), STIME_SECONDS (default 5), JMH_ARGS (extra JMH
# options), ROUNDS (interleaved rounds, default 500). Output: target/bench/ (jmh-*.json, cold.json, openssl.tsv,
# interleaved.md, summary.md, logs).
# Loopback only; every server is bounded in time and killed on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

RUNS=${RUNS:-50}
STIME_SECONDS=${STIME_SECONDS:-5}
ROUNDS=${ROUNDS:-500}
JMH_ARGS=${JMH_ARGS:-}
COLD_ARGS=""
if [ "${1:-}" = "--quick" ]; then
  RUNS=5 STIME_SECONDS=1 ROUNDS=30 JMH_ARGS="-wi 1 -w 1 -i 1 -r 1 $JMH_ARGS" COLD_ARGS="-f 1"
fi
# The longest any one server may live: the whole run, with room to spare.
SERVER_LIFETIME=${SERVER_LIFETIME:-1200}

OUT=target/bench
mkdir -p "$OUT"
. src/bench/lib.sh

echo "== machine"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "java: $(java -version 2>&1 | sed -n 2p)"
  echo "openssl: $(openssl version)"
  echo "hyperfine: $(command -v hyperfine >/dev/null && hyperfine --version || echo 'not installed (bash loop)')"
  echo "load average at start: $(load)"
} | tee "$OUT/machine.txt"

echo "== build (mvn -Pbench -DskipTests test-compile)"
mvn -B -q -Pbench -DskipTests test-compile
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"

echo "== certificate: self-signed EC P-256 for localhost and 127.0.0.1"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj /CN=localhost \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null

# start_server FLAG NAME: openssl s_server -www on 127.0.0.1 and a port of the kernel's choosing; prints the port.
start_server() {
  local flag=$1 name=$2 log="$WORK/$2.log"
  timeout "$SERVER_LIFETIME" openssl s_server -accept 127.0.0.1:0 -www -cert "$WORK/cert.pem" -key "$WORK/key.pem" \
    "$flag" </dev/null >"$log" 2>&1 &
  PIDS+=("$!")
  local port=""
  for _ in $(seq 1 100); do
    port=$(sed -n 's/^ACCEPT 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$log")
    [ -n "$port" ] && break
    sleep 0.1
  done
  if [ -z "$port" ]; then
    echo "openssl s_server $flag did not start:" >&2
    cat "$log" >&2
    exit 1
  fi
  echo "$port"
}
# Not in $(…): a subshell would keep the server's PID from PIDS.
start_server -tls1_3 s_server13 >"$WORK/port13"
start_server -tls1_2 s_server12 >"$WORK/port12"
PORT13=$(cat "$WORK/port13")
PORT12=$(cat "$WORK/port12")
echo "s_server -tls1_3 on 127.0.0.1:$PORT13, s_server -tls1_2 on 127.0.0.1:$PORT12"

# One JMH run per server and protocol: its three benchmarks (bare fresh, bare shared, probe) run back to back, so
# that a change in the machine's load (other jobs) between the start and the end of the run does not land on one of
# them only.
rm -f "$OUT"/jmh-*.json "$OUT/jmh.log"
for server in jsse openssl; do
  for protocol in TLSv1.3 TLSv1.2; do
    echo "== JMH: server=$server protocol=$protocol (load before: $(load))" | tee -a "$OUT/machine.txt"
    # shellcheck disable=SC2086  # JMH_ARGS is a list of options
    timeout 600 java -cp "$CP" org.openjdk.jmh.Main ProbeLatencyBenchmark -p server="$server" -p protocol="$protocol" \
      -p openssl13Port="$PORT13" -p openssl12Port="$PORT12" -p opensslCert="$WORK/cert.pem" \
      -rf json -rff "$OUT/jmh-$server-$protocol.json" $JMH_ARGS | tee -a "$OUT/jmh.log"
  done
done
echo "load after JMH: $(load)" | tee -a "$OUT/machine.txt"

echo "== JMH cold start: the first handshake of a fresh JVM (5 forks)"
# shellcheck disable=SC2086
timeout 600 java -cp "$CP" org.openjdk.jmh.Main ColdStartBenchmark \
  -p openssl13Port="$PORT13" -p opensslCert="$WORK/cert.pem" -rf json -rff "$OUT/cold.json" $COLD_ARGS \
  | tee "$OUT/cold.log"

echo "== openssl s_client x $RUNS and s_time -new -time $STIME_SECONDS against the same servers"
printf '# protocol\ttool\tmean_ms\tsd_ms\tmedian_ms\tcount\n' >"$OUT/openssl.tsv"
rm -f "$OUT/s_client.log" "$OUT/s_time.log"
for protocol in TLSv1.3 TLSv1.2; do
  if [ "$protocol" = TLSv1.3 ]; then port=$PORT13 flag=-tls1_3; else port=$PORT12 flag=-tls1_2; fi
  client=(openssl s_client -connect "127.0.0.1:$port" "$flag" -CAfile "$WORK/cert.pem" -verify_return_error
    -verify_ip 127.0.0.1)
  # One checked run first: a failed handshake must not be timed as a fast one.
  if ! "${client[@]}" </dev/null 2>&1 | grep -q "Verify return code: 0 (ok)"; then
    echo "s_client could not verify a $protocol handshake with 127.0.0.1:$port" >&2
    exit 1
  fi
  if command -v hyperfine >/dev/null; then
    # -N: no shell; hyperfine gives the command an empty stdin, so s_client ends right after the handshake.
    timeout 300 hyperfine -N --style basic --warmup 5 --runs "$RUNS" --export-csv "$WORK/h.csv" "${client[*]}" \
      | tee -a "$OUT/s_client.log"
    # command,mean,stddev,median,… in seconds; the command has no commas.
    awk -F, -v p="$protocol" -v n="$RUNS" 'NR==2 { printf "%s\ts_client\t%.3f\t%.3f\t%.3f\t%d\n", p, $2*1000,
      $3*1000, $4*1000, n }' "$WORK/h.csv" >>"$OUT/openssl.tsv"
  else
    : >"$WORK/times"
    for _ in $(seq 1 "$RUNS"); do
      t0=$(date +%s%N)
      timeout 10 "${client[@]}" </dev/null >/dev/null 2>&1
      t1=$(date +%s%N)
      echo $(((t1 - t0) / 1000)) >>"$WORK/times"
    done
    sort -n "$WORK/times" | awk -v p="$protocol" '{ v[NR] = $1 / 1000; s += v[NR]; ss += v[NR] * v[NR] }
      END { m = s / NR; sd = sqrt(ss / NR - m * m); med = v[int((NR + 1) / 2)];
        printf "%s\ts_client\t%.3f\t%.3f\t%.3f\t%d\n", p, m, sd, med, NR }' >>"$OUT/openssl.tsv"
  fi
  t0=$(date +%s%N)
  timeout $((STIME_SECONDS + 30)) openssl s_time -connect "127.0.0.1:$port" "$flag" -CAfile "$WORK/cert.pem" -new \
    -time "$STIME_SECONDS" >"$WORK/s_time.out" 2>&1
  t1=$(date +%s%N)
  grep -a "connections" "$WORK/s_time.out" | tee -a "$OUT/s_time.log"
  connections=$(sed -n 's/^\([0-9][0-9]*\) connections in [0-9.]*s;.*/\1/p' "$WORK/s_time.out" | head -1)
  if [ -z "$connections" ] || [ "$connections" -eq 0 ]; then
    echo "s_time made no connection to 127.0.0.1:$port" >&2
    exit 1
  fi
  awk -v p="$protocol" -v c="$connections" -v ns=$((t1 - t0)) \
    'BEGIN { printf "%s\ts_time\t%.3f\t-\t-\t%d\n", p, ns / 1e6 / c, c }' >>"$OUT/openssl.tsv"
  # "N connections/user sec": the client's own CPU per handshake.
  sed -n 's/^[0-9]* connections in [0-9.]*s; \([0-9.]*\) connections\/user sec.*/\1/p' "$WORK/s_time.out" | head -1 \
    | awk -v p="$protocol" -v c="$connections" '{ printf "%s\ts_time_cpu\t%.3f\t-\t-\t%d\n", p, 1000 / $1, c }' \
    >>"$OUT/openssl.tsv"
done

echo "== interleaved cross-check: medians of the three, one of each per round (load before: $(load))"
timeout 900 java -cp "$CP" io.tlsprobe.bench.InterleavedLatency --warmup "$ROUNDS" --rounds "$ROUNDS" \
  --openssl13-port "$PORT13" --openssl12-port "$PORT12" --openssl-cert "$WORK/cert.pem" | tee "$OUT/interleaved.md"
echo "load at end: $(load)" | tee -a "$OUT/machine.txt"

echo "== summary"
{
  java -cp "$CP" io.tlsprobe.bench.Summary --openssl "$OUT/openssl.tsv" --cold "$OUT/cold.json" "$OUT"/jmh-*.json
  echo
  echo "Interleaved cross-check (median and p90 of $ROUNDS rounds after $ROUNDS warm-up rounds, ms)"
  echo
  cat "$OUT/interleaved.md"
  echo
  cat "$OUT/machine.txt"
} | tee "$OUT/summary.md"
