#!/usr/bin/env bash
# GET /v1/accounts/{id} under wrk, two server jars alternating in one invocation: the baseline and the candidate.
#
#   bench/get-account-ab.sh BASELINE.jar CANDIDATE.jar [ROUNDS]
#
# Each round starts each jar in turn on a fresh data directory (port 8080, loopback only), opens one account, warms
# the server with wrk for WARMUP_SECONDS (45), then measures MEASURE_SECONDS (20) with 2 wrk threads and 32 keep-alive
# connections. Per run it prints the rate, wrk's p50 and p99, and the server's CPU per request from /proc (user and
# system together, and user alone). Everything is the default server: H2, access logs, business-event log, tracing.
# BASELINE_ARGS and CANDIDATE_ARGS add server arguments to one side (for example
# CANDIDATE_ARGS=--spring.threads.virtual.enabled=false, with the same jar twice).
# Needs wrk (apt-get install -y wrk) and a JDK 21 or newer in JAVA_HOME.
set -euo pipefail

if [ $# -lt 2 ]; then
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
BASELINE=$(readlink -f "$1")
CANDIDATE=$(readlink -f "$2")
ROUNDS=${3:-3}
WARMUP_SECONDS=${WARMUP_SECONDS:-45}
MEASURE_SECONDS=${MEASURE_SECONDS:-20}
JAVA="${JAVA_HOME:?set JAVA_HOME to a JDK 21 or newer}/bin/java"
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 2; }
KEY=cbk_getaccountabbenchgetaccountabbenchgetaccount1
ACCOUNT=11111111-1111-4111-8111-111111111111
URL=http://127.0.0.1:8080/v1/accounts/$ACCOUNT
WORK=$(mktemp -d -t corebank-get-ab-XXXXXX)
SERVER=
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT
TICK_MICROS=$((1000000 / $(getconf CLK_TCK)))

cpu_ticks() { awk '{print $14 + $15, $14}' "/proc/$1/stat"; }

run() {
  local jar=$1 label=$2 dir="$WORK/$2" extra=$3
  rm -rf "$dir"; mkdir -p "$dir"
  if (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; then echo "port 8080 is in use" >&2; exit 1; fi
  COREBANK_ADMIN_KEY=$KEY "$JAVA" -jar "$jar" --corebank.data-directory="$dir/data" --no-demo $extra >"$dir/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 120); do grep -q "corebank is ready" "$dir/server.log" && break; sleep 0.5; done
  grep -q "corebank is ready" "$dir/server.log" || { echo "$label: the server did not start, see its log" >&2; tail -5 "$dir/server.log" >&2; exit 1; }
  curl -sf -o /dev/null -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    http://127.0.0.1:8080/v1/accounts -d "{\"id\":\"$ACCOUNT\",\"ledger\":\"USD\",\"type\":\"LIABILITY\",
      \"code\":2001,\"flags\":[\"DEBITS_MUST_NOT_EXCEED_CREDITS\"],\"name\":\"Bench\",\"customerId\":\"C-1\"}"
  wrk -t2 -c32 -d"${WARMUP_SECONDS}s" -H "Authorization: Bearer $KEY" "$URL" >/dev/null
  read -r total0 user0 < <(cpu_ticks "$SERVER")
  wrk -t2 -c32 -d"${MEASURE_SECONDS}s" --latency -H "Authorization: Bearer $KEY" "$URL" >"$dir/wrk.txt"
  read -r total1 user1 < <(cpu_ticks "$SERVER")
  local requests non2xx
  requests=$(awk '/requests in/ {print $1}' "$dir/wrk.txt")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$dir/wrk.txt")
  printf '%-9s %s%s rate=%s/s p50=%s p99=%s server_cpu_per_request=%dus user=%dus%s\n' "$label" "$(basename "$jar")" "${extra:+ $extra}" \
    "$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$dir/wrk.txt")" \
    "$(awk '$1 == "50%" {print $2}' "$dir/wrk.txt")" "$(awk '$1 == "99%" {print $2}' "$dir/wrk.txt")" \
    $(( (total1 - total0) * TICK_MICROS / requests )) $(( (user1 - user0) * TICK_MICROS / requests )) \
    "${non2xx:+ NON-2XX=$non2xx}"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); warm-up ${WARMUP_SECONDS}s, measured ${MEASURE_SECONDS}s"
for round in $(seq "$ROUNDS"); do
  run "$BASELINE" baseline "${BASELINE_ARGS:-}"
  run "$CANDIDATE" candidate "${CANDIDATE_ARGS:-}"
done
