# Shared by the benchmark scripts (sourced, not run): a scratch directory, the servers' process ids and their
# cleanup on exit, and the load average. After sourcing: $WORK is a fresh temporary directory, PIDS an empty array
# (add each background server's pid), and both are cleaned up when the script exits or is interrupted.
#
#   . src/bench/lib.sh   # from the repository root, where each script cd-s first
#   openssl s_server … & PIDS+=($!)
#   echo "load: $(load)"

load() { cut -d' ' -f1-3 /proc/loadavg; }

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
