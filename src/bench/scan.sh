#!/usr/bin/env bash
# Scan benchmark (BENCHMARKS.md, "Scan"; issue 6): starts three servers on loopback, then, in the same run and per
# server, times our scan in-JVM (ScanTimes: the first scan of a fresh JVM, then warm ones), our CLI as a process
# (`java -jar target/tlsprobe-cli.jar scan … --json`, and the same through the target/tlsprobe launcher), sslscan,
# nmap's ssl-enum-ciphers and testssl.sh, and counts the TCP connections each tool opened with a counting relay in
# front of the server (CountingRelay). Writes a Markdown table with the ratios to target/bench/scan-summary.md.
#
#   (a) nginx, Mozilla intermediate 6.0 (TLS 1.2 and 1.3, ECDHE AEAD suites, X25519/P-256/P-384, ECDSA P-256)
#   (b) openssl s_server, legacy: TLS 1.0-1.2, -cipher 'ALL:@SECLEVEL=0', RSA 2048, ffdhe2048 DHE parameters
#   (c) openssl s_server, TLS 1.3 only (its default suites), ECDSA P-256
#
#   bash src/bench/scan.sh            # about 6-8 minutes on 2 cores (testssl.sh takes most of it)
#   bash src/bench/scan.sh --quick    # a smoke run: 3 runs per tool, no testssl.sh
#
# Environment: RUNS (process runs per tool and server, default 7), JVM_RUNS (timed in-JVM scans, default 20),
# JVM_WARMUP (untimed in-JVM scans after the first, at least, default 60) and JVM_WARMUP_SECONDS (and for at least
# that long, default 30: the JIT keeps compiling the scan for about a thousand scans), TESTSSL=0 (skip testssl.sh), TESTSSL_ARGS (what
# testssl.sh checks; default "-p -E -P -f": the versions, every suite per version, the server's order and the
# forward-secrecy groups, the job our scan does; "" runs its default set instead), SERVERS (default
# "nginx legacy tls13"), SKIP_BUILD=1 (reuse target/ as built). Output: target/bench/scan.tsv (one row per server and tool), scan-summary.md, scan-machine.txt,
# and each tool's output of its counted run in target/bench/scan-out/.
# Needs: openssl, nginx (apt-get install -y nginx-light), sslscan, nmap, testssl.sh (apt-get install -y sslscan nmap
# testssl.sh); hyperfine is used when installed (apt-get install -y hyperfine), else a bash loop.
# Loopback only; every server and relay is bounded in time and killed on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

RUNS=${RUNS:-7}
JVM_RUNS=${JVM_RUNS:-20}
JVM_WARMUP=${JVM_WARMUP:-60}
JVM_WARMUP_SECONDS=${JVM_WARMUP_SECONDS:-30}
TESTSSL=${TESTSSL:-1}
TESTSSL_ARGS=${TESTSSL_ARGS--p -E -P -f}
SERVERS=${SERVERS:-nginx legacy tls13}
if [ "${1:-}" = "--quick" ]; then
  RUNS=3 JVM_RUNS=5 JVM_WARMUP=20 JVM_WARMUP_SECONDS=0 TESTSSL=0
fi
# The longest any server or relay may live, and any one tool run.
SERVER_LIFETIME=${SERVER_LIFETIME:-1200}
TOOL_TIMEOUT=${TOOL_TIMEOUT:-120}
TESTSSL_TIMEOUT=${TESTSSL_TIMEOUT:-900}

missing=""
for tool in java mvn openssl nginx sslscan nmap; do
  command -v "$tool" >/dev/null || missing="$missing $tool"
done
TESTSSL_CMD=$(command -v testssl || command -v testssl.sh || true)
if [ "$TESTSSL" = 1 ] && [ -z "$TESTSSL_CMD" ]; then
  missing="$missing testssl.sh"
fi
if [ -n "$missing" ]; then
  echo "missing:$missing. On Debian: apt-get install -y nginx-light sslscan nmap testssl.sh (nginx is in" >&2
  echo "/usr/sbin). Or run with TESTSSL=0 to skip testssl.sh." >&2
  exit 1
fi
PATH="$PATH:/usr/sbin"

OUT=target/bench
mkdir -p "$OUT/scan-out"
: >"$OUT/scan-hyperfine.log"
. src/bench/lib.sh
started=$(date +%s)

echo "== machine"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "java: $(java -version 2>&1 | sed -n 2p)"
  echo "openssl: $(openssl version)"
  echo "nginx: $(nginx -v 2>&1 | sed 's/^nginx version: //')"
  echo "sslscan: $(sslscan --version 2>&1 | sed 's/\x1b\[[0-9;]*m//g' | tr -d '\t' | head -1)"
  echo "nmap: $(nmap --version | sed -n 's/^Nmap version \([^ ]*\).*/\1/p')"
  echo "testssl.sh: $( [ -n "$TESTSSL_CMD" ] && "$TESTSSL_CMD" --version 2>/dev/null | grep -o 'testssl[^ ]* *[0-9][0-9.]*' \
    | head -1 | grep -o '[0-9][0-9.]*$' || echo 'not installed')"
  echo "hyperfine: $(command -v hyperfine >/dev/null && hyperfine --version || echo 'not installed (bash loop)')"
  echo "runs: $RUNS per process tool and server; in-JVM: 1 cold + warm-up (at least $JVM_WARMUP scans and ${JVM_WARMUP_SECONDS} s) + $JVM_RUNS timed"
  if [ "$TESTSSL" = 1 ]; then echo "testssl.sh: one run per server, checks: ${TESTSSL_ARGS:-its default set}"; fi
  echo "load average at start: $(load)"
} | tee "$OUT/scan-machine.txt"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== build (mvn -Pbench -DskipTests package: the CLI jar, its CDS archive, the launcher, the bench classes)"
  mvn -B -q -Pbench -DskipTests package
fi
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
CLI_JAR=target/tlsprobe-cli.jar

echo "== certificates and DH parameters"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj /CN=localhost \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$WORK/ec.key" -out "$WORK/ec.pem" 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=localhost \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$WORK/rsa.key" -out "$WORK/rsa.pem" 2>/dev/null
openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe2048 -out "$WORK/dh.pem" 2>/dev/null

# wait_for PATTERN FILE: the first capture of sed pattern PATTERN in FILE, within 10 s; empty if none.
wait_for() {
  local value=""
  for _ in $(seq 1 100); do
    value=$(sed -n "$1" "$2" | head -1)
    [ -n "$value" ] && break
    sleep 0.1
  done
  echo "$value"
}

# s_server NAME ARGS…: openssl s_server -www on 127.0.0.1 and a port of the kernel's choosing; the port goes to
# $WORK/NAME.port. Not in $(…): a subshell would keep the server's PID from PIDS.
s_server() {
  local name=$1 log="$WORK/$1.log"
  shift
  timeout "$SERVER_LIFETIME" openssl s_server -accept 127.0.0.1:0 -www "$@" </dev/null >"$log" 2>&1 &
  PIDS+=("$!")
  port_of "openssl s_server ($name)" 's/^ACCEPT 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$log" "$WORK/$name.port"
}

# port_of WHAT PATTERN LOG FILE: the port that sed pattern PATTERN captures from the started process's LOG, written
# to FILE; exits with the log when WHAT did not say it within 10 s.
port_of() {
  local port
  port=$(wait_for "$2" "$3")
  if [ -z "$port" ]; then
    echo "$1 did not start:" >&2
    cat "$3" >&2
    exit 1
  fi
  echo "$port" >"$4"
}

# A loopback port nothing listens on now (nginx cannot take port 0); nginx fails if another process wins it.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! ss -Htln "sport = :$port" | grep -q .; then
      echo "$port"
      return
    fi
  done
  echo "no free port found" >&2
  exit 1
}

# nginx with Mozilla's intermediate configuration (server-side TLS 6.0, as ssl-config.mozilla.org writes it for
# nginx; OpenSSL 3.0 has no X25519MLKEM768, so the groups are the other three).
start_nginx() {
  local port
  port=$(free_port)
  mkdir -p "$WORK/nginx"
  # worker_processes auto, as in Debian's /etc/nginx/nginx.conf (one worker per core); the same server for every tool
  cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  server {
    listen 127.0.0.1:$port ssl;
    http2 on;
    ssl_certificate $WORK/ec.pem;
    ssl_certificate_key $WORK/ec.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ecdh_curve X25519:prime256v1:secp384r1;
    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;
    ssl_prefer_server_ciphers off;
    ssl_session_timeout 1d;
    ssl_session_cache shared:MozSSL:10m;
    ssl_session_tickets off;
    location / { return 200 "ok\n"; }
  }
}
EOF
  # nginx before 1.25.1 has no "http2 on;" (http2 is a listen parameter there)
  if ! nginx -t -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" >/dev/null 2>&1; then
    sed -i -e '/http2 on;/d' -e "s/listen 127.0.0.1:$port ssl;/listen 127.0.0.1:$port ssl http2;/" \
      "$WORK/nginx/nginx.conf"
  fi
  timeout "$SERVER_LIFETIME" nginx -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" </dev/null \
    >"$WORK/nginx/out.log" 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 1 100); do
    ss -Htln "sport = :$port" | grep -q . && break
    sleep 0.1
  done
  if ! ss -Htln "sport = :$port" | grep -q .; then
    echo "nginx did not start:" >&2
    cat "$WORK/nginx/out.log" "$WORK/nginx/error.log" >&2
    exit 1
  fi
  echo "$port" >"$WORK/nginx.port"
}

echo "== servers"
start_nginx
s_server legacy -cert "$WORK/rsa.pem" -key "$WORK/rsa.key" -dhparam "$WORK/dh.pem" -cipher 'ALL:@SECLEVEL=0' \
  -min_protocol TLSv1 -max_protocol TLSv1.2
s_server tls13 -cert "$WORK/ec.pem" -key "$WORK/ec.key" -tls1_3
for name in nginx legacy tls13; do
  echo "$name on 127.0.0.1:$(cat "$WORK/$name.port")"
done

# relay NAME PORT: a CountingRelay to PORT; its port goes to $WORK/NAME.relay, its log (one + per connection) is
# $WORK/NAME.relay.log.
relay() {
  local log="$WORK/$1.relay.log"
  timeout "$SERVER_LIFETIME" java -XX:TieredStopAtLevel=1 -cp "$CP" io.tlsprobe.bench.CountingRelay --to "$2" \
    >"$log" 2>&1 &
  PIDS+=("$!")
  port_of "the relay to $2" 's/^RELAY \([0-9][0-9]*\)$/\1/p' "$log" "$WORK/$1.relay"
}

# relayed NAME: connections through NAME's relay so far, once the count has been still for 0.3 s (the relay may
# still be accepting what a tool opened just before it exited).
relayed() {
  local before after
  after=$(grep -c '^+' "$WORK/$1.relay.log" || true)
  before=-1
  while [ "$before" != "$after" ]; do
    sleep 0.3
    before=$after
    after=$(grep -c '^+' "$WORK/$1.relay.log" || true)
  done
  echo "$after"
}

# pairs TOOL FILE: accepted (version, suite) pairs in TOOL's output.
pairs() {
  case $1 in
    # our JSON (tlsprobe.scan/1): each version's "cipher_suites" : [ "TLS_…", … ] on one line
    cli | launcher) grep '"cipher_suites"' "$2" | grep -oE '"(TLS|SSL)_[A-Za-z0-9_]+"' | wc -l ;;
    sslscan) grep -cE '^(Preferred|Accepted) ' "$2" || true ;;
    nmap) grep -cE '^\|[[:space:]]+(TLS|SSL)_[A-Za-z0-9_]+ ' "$2" || true ;;
    # testssl.sh's JSON: one "cipher-<protocol>_x<code>" finding per accepted pair (with -E; none without)
    testssl) grep -cE '"id" *: *"cipher-(ssl|tls)[0-9_]*_x[0-9a-f]+"' "$2" || true ;;
  esac
}

printf '# server\ttool\truns\tmedian_s\tmin_s\tcpu_s\tconnections\tpairs\n' >"$OUT/scan.tsv"
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" | tee -a "$OUT/scan.tsv"; }

# timed SERVER TOOL COMMAND…: RUNS runs of COMMAND (with PORT in its arguments replaced by the server's port), median
# and min wall seconds and mean user+system CPU seconds, in $WORK/timed.
timed() {
  local server=$1 tool=$2
  shift 2
  local port
  port=$(cat "$WORK/$server.port")
  local cmd=("${@//PORT/$port}")
  if command -v hyperfine >/dev/null; then
    # -N: no shell; -i: a tool's exit code is its verdict on the server, not a failure to run
    # (its warnings, e.g. about outliers on a loaded machine, go to target/bench/scan-hyperfine.log)
    timeout $((TOOL_TIMEOUT * RUNS)) hyperfine -N -i --style none --runs "$RUNS" --export-csv "$WORK/h.csv" \
      "${cmd[*]}" >/dev/null 2>>"$OUT/scan-hyperfine.log"
    # command,mean,stddev,median,user,system,min,max in seconds; the commands have no commas
    awk -F, 'NR == 2 { printf "%.3f\t%.3f\t%.3f\n", $4, $7, $5 + $6 }' "$WORK/h.csv" >"$WORK/timed"
  else
    : >"$WORK/times"
    for _ in $(seq 1 "$RUNS"); do
      local t0 t1
      t0=$(date +%s%N)
      timeout "$TOOL_TIMEOUT" "${cmd[@]}" >/dev/null 2>&1 || true
      t1=$(date +%s%N)
      echo $(((t1 - t0) / 1000)) >>"$WORK/times"
    done
    sort -n "$WORK/times" | awk '{ v[NR] = $1 / 1e6 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
      printf "%.3f\t%.3f\t-\n", m, v[1] }' >"$WORK/timed"
  fi
}

# measure SERVER TOOL COMMAND…: one run through the relay (counted, output kept), then RUNS timed runs direct.
measure() {
  local server=$1 tool=$2
  shift 2
  local rport before after out="$OUT/scan-out/$server-$tool.txt"
  rport=$(cat "$WORK/$server.relay")
  before=$(relayed "$server")
  timeout "$TOOL_TIMEOUT" "${@//PORT/$rport}" >"$out" 2>&1 || true
  after=$(relayed "$server")
  if [ "$tool" = cli ] || [ "$tool" = launcher ]; then
    # the scan counts its own connections: it must agree with the relay
    local own
    own=$(sed -n 's/^ *"connections" *: *\([0-9]*\).*/\1/p' "$out" | head -1)
    if [ "$own" != "$((after - before))" ]; then
      echo "warning: $tool reports $own connections to $server, the relay counted $((after - before))" >&2
    fi
  fi
  timed "$server" "$tool" "$@"
  IFS=$'\t' read -r median min cpu <"$WORK/timed"
  row "$server" "$tool" "$RUNS" "$median" "$min" "$cpu" "$((after - before))" "$(pairs "$tool" "$out")"
}

LAUNCHER=""
if [ -x target/tlsprobe ]; then
  LAUNCHER=target/tlsprobe
fi

for server in $SERVERS; do
  port=$(cat "$WORK/$server.port")
  relay "$server" "$port"
  echo "== $server (127.0.0.1:$port, relay $(cat "$WORK/$server.relay"); load before: $(load))" \
    | tee -a "$OUT/scan-machine.txt"

  # in-JVM: direct, counted by the scan itself (the CLI's counted run below checks that count through the relay)
  timeout 600 java -cp "$CP" io.tlsprobe.bench.ScanTimes --port "$port" --warmup "$JVM_WARMUP" \
    --warmup-seconds "$JVM_WARMUP_SECONDS" --runs "$JVM_RUNS" >"$WORK/jvm.tsv"
  IFS=$'\t' read -r cold median min max runs connections npairs found warmed fresh_median fresh_min \
    <"$WORK/jvm.tsv"
  echo "found: $found" >"$OUT/scan-out/$server-ours.txt"
  row "$server" "in-JVM, first scan of the JVM" 1 "$(awk -v v="$cold" 'BEGIN { printf "%.3f", v / 1000 }')" - - \
    "$connections" "$npairs"
  echo "in-JVM: max $max ms of $runs after $warmed warm-up scans; found $found"
  row "$server" "in-JVM, warm (TlsScanner)" "$runs" "$(awk -v v="$median" 'BEGIN { printf "%.3f", v / 1000 }')" \
    "$(awk -v v="$min" 'BEGIN { printf "%.3f", v / 1000 }')" - "$connections" "$npairs"
  row "$server" "in-JVM, warm (TlsScans.scan)" "$runs" \
    "$(awk -v v="$fresh_median" 'BEGIN { printf "%.3f", v / 1000 }')" \
    "$(awk -v v="$fresh_min" 'BEGIN { printf "%.3f", v / 1000 }')" - "$connections" "$npairs"

  measure "$server" cli java -jar "$CLI_JAR" scan 127.0.0.1:PORT --json
  if [ -n "$LAUNCHER" ]; then
    measure "$server" launcher "$LAUNCHER" scan 127.0.0.1:PORT --json
  fi
  measure "$server" sslscan sslscan --no-colour 127.0.0.1:PORT
  # -n: no reverse DNS lookup (loopback only)
  measure "$server" nmap nmap -n -Pn -p PORT --script ssl-enum-ciphers 127.0.0.1

  if [ "$TESTSSL" = 1 ]; then
    # one run, through the relay (it takes tens of seconds to minutes: the relay's cost per connection is noise)
    rport=$(cat "$WORK/$server.relay")
    before=$(relayed "$server")
    rm -f "$OUT/scan-out/$server-testssl.json"
    t0=$(date +%s%N)
    # shellcheck disable=SC2086  # TESTSSL_ARGS is a list of options
    # --nodns none: no DNS lookup at all (loopback only)
    timeout "$TESTSSL_TIMEOUT" "$TESTSSL_CMD" --quiet --color 0 --warnings off --nodns none $TESTSSL_ARGS \
      --jsonfile "$OUT/scan-out/$server-testssl.json" "127.0.0.1:$rport" >"$OUT/scan-out/$server-testssl.txt" 2>&1 \
      || true
    t1=$(date +%s%N)
    after=$(relayed "$server")
    secs=$(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.3f", ns / 1e9 }')
    row "$server" testssl 1 "$secs" "$secs" - "$((after - before))" \
      "$(pairs testssl "$OUT/scan-out/$server-testssl.json")"
  fi
done

echo "== CLI start-up: the JVM and the command line alone (--version), and a scan of a closed port"
closed=$(free_port)
for variant in cli launcher; do
  if [ "$variant" = cli ]; then cmd=(java -jar "$CLI_JAR"); else
    [ -n "$LAUNCHER" ] || continue
    cmd=("$LAUNCHER")
  fi
  echo "startup" >"$WORK/startup.port"
  timed startup "$variant --version" "${cmd[@]}" --version
  IFS=$'\t' read -r median min cpu <"$WORK/timed"
  row startup "$variant --version" "$RUNS" "$median" "$min" "$cpu" - -
  echo "$closed" >"$WORK/startup.port"
  timed startup "$variant scan of a closed port" "${cmd[@]}" scan 127.0.0.1:PORT
  IFS=$'\t' read -r median min cpu <"$WORK/timed"
  row startup "$variant scan of a closed port" "$RUNS" "$median" "$min" "$cpu" - -
done
timed startup "java -version" java -version
IFS=$'\t' read -r median min cpu <"$WORK/timed"
row startup "java -version" "$RUNS" "$median" "$min" "$cpu" - -

echo "load at end: $(load)" | tee -a "$OUT/scan-machine.txt"
echo "run time: $(($(date +%s) - started)) s" | tee -a "$OUT/scan-machine.txt"

echo "== summary"
{
  echo "Scan benchmark: wall time per scan (median of the runs; min), mean user+system CPU of the process, TCP"
  echo "connections opened (counted by a relay in front of the server, one run per tool) and accepted (version, suite)"
  echo "pairs found. \"sslscan ÷ tool\" > 1: the tool is faster than sslscan. \"connections ÷ ours\": the tool's"
  echo "connections over our scan's."
  awk -F'\t' '
    /^#/ { next }
    { n++; server[n] = $1; tool[n] = $2; runs[n] = $3; med[n] = $4; mn[n] = $5; cpu[n] = $6; conn[n] = $7
      pr[n] = $8
      if ($2 == "sslscan") sslscan[$1] = $4
      if ($2 ~ /^in-JVM, warm/) ours[$1] = $7 }
    END {
      last = ""
      for (i = 1; i <= n; i++) {
        if (server[i] != last) {
          last = server[i]
          printf "\n### %s\n\n", (last == "startup" ? "CLI start-up (no server)" : last)
          print "| tool | runs | median s | min s | CPU s | connections | pairs | sslscan ÷ tool | connections ÷ ours |"
          print "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
        }
        ratio = (server[i] in sslscan && med[i] > 0) ? sprintf("%.1f", sslscan[server[i]] / med[i]) : "-"
        cratio = (server[i] in ours && conn[i] ~ /^[0-9]+$/ && ours[server[i]] > 0) \
          ? sprintf("%.2f", conn[i] / ours[server[i]]) : "-"
        name = tool[i]
        if (name ~ /^in-JVM/) name = "tlsprobe " name
        else if (name == "cli") name = "tlsprobe CLI, java -jar"
        else if (name == "launcher") name = "tlsprobe CLI, target/tlsprobe"
        else if (name == "testssl") name = "testssl.sh"
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", name, runs[i], med[i], mn[i], cpu[i], conn[i],
          pr[i], ratio, cratio
      }
    }' "$OUT/scan.tsv"
  echo
  echo '```'
  cat "$OUT/scan-machine.txt"
  echo '```'
} | tee "$OUT/scan-summary.md"
