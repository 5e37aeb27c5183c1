#!/usr/bin/env bash
# Captures the ClientHello of real TLS clients on loopback and writes them as test vectors:
# NAME.hex, NAME.tshark.json and NAME.expect.json in src/test/resources/vectors (format: shared/vectors/README.md).
#
#   src/tools/vectors/capture.sh            # every client below that is installed
#   src/tools/vectors/capture.sh NAME...    # only these vectors
#
# Needs root (tshark captures on lo), tshark, openssl; each client is skipped with a message when missing.
# Loopback only: every server binds 127.0.0.1, every capture filters on that server's port. Every step is bounded by
# a timeout, and every process started here is ended on exit. Safe to re-run: vectors are overwritten.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
OUT=${OUT:-$ROOT/src/test/resources/vectors}
JAVA17=${JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
PYTHON=${PYTHON:-/usr/bin/python3}
CLIENT_TIMEOUT=${CLIENT_TIMEOUT:-40}
CAPTURE_LIMIT=${CAPTURE_LIMIT:-90}

WORK=$(mktemp -d /tmp/tlsprobe-vectors.XXXXXX)
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

log() { printf '%s\n' "$*" >&2; }

for tool in tshark openssl "$PYTHON"; do
  command -v "$tool" >/dev/null || { log "capture.sh: $tool is required"; exit 2; }
done
[ "$(id -u)" = 0 ] || { log "capture.sh: run as root (tshark captures on lo)"; exit 2; }
mkdir -p "$OUT"

# A throwaway self-signed certificate: clients may reject it, only their ClientHello matters.
timeout 30 openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -subj /CN=localhost -addext 'subjectAltName=DNS:localhost,DNS:tlsprobe.test,IP:127.0.0.1' \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null

free_port() {
  "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_for SECONDS COMMAND...: polls COMMAND every 0.2 s until it succeeds or the time is up.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

listening() { ss -ltnH "sport = :$1" | grep -q .; }

# capture NAME REQUIRED_TOOL CLIENT_COMMAND: one tshark, one openssl s_server and one client run on a fresh port.
# The client command is run by bash with $PORT set; its exit status does not matter.
capture() {
  local name=$1 tool=$2 client=$3
  if [ "${#SELECTED[@]}" -gt 0 ] && [[ " ${SELECTED[*]} " != *" $name "* ]]; then return 0; fi
  if ! command -v "$tool" >/dev/null; then
    log "SKIP $name: $tool not installed"
    SKIPPED+=("$name ($tool not installed)")
    return 0
  fi
  local port pcap tshark_pid server_pid
  port=$(free_port)
  pcap="$WORK/$name.pcapng"
  log "== $name (port $port)"

  timeout "$CAPTURE_LIMIT" tshark -i lo -f "tcp port $port" -a "duration:$CAPTURE_LIMIT" -w "$pcap" \
    >"$WORK/$name.tshark.log" 2>&1 &
  tshark_pid=$!
  PIDS+=("$tshark_pid")
  wait_for 20 grep -q "Capturing on" "$WORK/$name.tshark.log" || { log "tshark did not start"; cat "$WORK/$name.tshark.log" >&2; return 1; }

  timeout "$CAPTURE_LIMIT" openssl s_server -accept "127.0.0.1:$port" -www -quiet \
    -cert "$WORK/cert.pem" -key "$WORK/key.pem" -cipher 'ALL:@SECLEVEL=0' \
    </dev/null >"$WORK/$name.server.log" 2>&1 &
  server_pid=$!
  PIDS+=("$server_pid")
  wait_for 20 listening "$port" || { log "s_server did not listen"; cat "$WORK/$name.server.log" >&2; return 1; }

  (cd "$WORK" && PORT=$port timeout -k 5 "$CLIENT_TIMEOUT" bash -c "$client") \
    </dev/null >"$WORK/$name.client.log" 2>&1 || true
  sleep 1

  kill "$server_pid" 2>/dev/null || true
  kill -INT "$tshark_pid" 2>/dev/null || true
  wait "$tshark_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true

  if "$PYTHON" "$HERE/extract.py" "$pcap" "$name" "$OUT"; then
    CAPTURED+=("$name")
  else
    log "FAIL $name: client said:"; tail -5 "$WORK/$name.client.log" >&2
    FAILED+=("$name")
  fi
}

SELECTED=("$@")
CAPTURED=()
SKIPPED=()
FAILED=()
CLIENT_JAVA="$HERE/TlsClient.java"

capture java17_sslsocket_default "$JAVA17" "'$JAVA17' '$CLIENT_JAVA' \$PORT"
capture java17_sni_alpn "$JAVA17" "'$JAVA17' '$CLIENT_JAVA' \$PORT --sni tlsprobe.test --alpn h2,http/1.1"
capture java25_default "$JAVA25" "'$JAVA25' '$CLIENT_JAVA' \$PORT"
capture java25_tls12 "$JAVA25" "'$JAVA25' '$CLIENT_JAVA' \$PORT --protocols TLSv1.2"
capture curl_tls13_only curl \
  "curl -sk --max-time 20 --tlsv1.3 --resolve tlsprobe.test:\$PORT:127.0.0.1 https://tlsprobe.test:\$PORT/ -o /dev/null"
capture gnutls_tls12_priority gnutls-cli \
  "gnutls-cli --insecure --priority NORMAL:-VERS-TLS1.3 -p \$PORT 127.0.0.1"
capture openssl_tls13_groups openssl \
  "openssl s_client -connect 127.0.0.1:\$PORT -tls1_3 -groups X25519:ffdhe2048 -servername tlsprobe.test"
capture openssl_legacy_tls1 openssl \
  "openssl s_client -connect 127.0.0.1:\$PORT -tls1 -cipher 'ALL:@SECLEVEL=0'"
# A ClientHello longer than one record: every cipher and a long SNI push it past -max_send_frag 512.
capture openssl_split_records openssl \
  "openssl s_client -connect 127.0.0.1:\$PORT -max_send_frag 512 -cipher 'ALL:@SECLEVEL=0' \
   -servername \$(printf 'a%.0s' {1..60}).\$(printf 'b%.0s' {1..60}).\$(printf 'c%.0s' {1..60}).tlsprobe.test"
capture python3_ssl_default "$PYTHON" \
  "'$PYTHON' -c 'import socket, ssl, sys
ctx = ssl.create_default_context()
try:
    with socket.create_connection((\"127.0.0.1\", int(sys.argv[1])), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname=\"localhost\") as tls:
            print(tls.version())
except (ssl.SSLError, OSError) as e:
    print(\"handshake ended:\", e)
' \$PORT"
capture chromium_headless chromium \
  "chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
   --disable-component-update --disable-sync --disable-dev-shm-usage --user-data-dir=\"\$(mktemp -d ./chromium.XXXXXX)\" \
   --ignore-certificate-errors --dump-dom https://localhost:\$PORT/"

log ""
log "captured: ${CAPTURED[*]:-none}"
[ "${#SKIPPED[@]}" -eq 0 ] || log "skipped:  ${SKIPPED[*]}"
[ "${#FAILED[@]}" -eq 0 ] || { log "failed:   ${FAILED[*]}"; exit 1; }
