#!/usr/bin/env bash
# Runs the notify benchmarks: builds, starts the SMTP sink in its own JVM, runs every contender in its own JVM
# (with only its own jars), the cold starts and JMH, prints a markdown table and writes it to RESULTS.md.
#
# Environment (all optional):
#   MODES      plain,starttls-auth,plain-2ms   which modes
#   THREADS    1,4                            client thread counts
#   N          20000                          messages per run in plain (fewer and a run lasts about a second: JIT noise)
#   N_TLS      10000                          messages per run in starttls-auth
#   N_PER_CONNECTION 400                      at most this many for contenders with a connection per message
#   GRAPH      true                           run notify's Graph provider against the test kit's Graph stub
#   N_GRAPH    1000                           messages per Graph run
#   OUTBOX     true                           run the durable outbox benchmark (file journal and PostgreSQL)
#   N_OUTBOX   2000                           messages per outbox run
#   RECORD_BATCH 64                           the outbox benchmark's DurableOutboxBuilder.recordBatch (messages per
#                                             batch: RECORD_BATCH / (2 x workers))
#   OUTBOX_FLEET true                         run the PostgreSQL fleet benchmark (direct send vs delivery by 1, 2 and 4
#                                             JVMs at C = 1, 4, 16) and the bloat test (a transaction held open)
#   N_FLEET    10000                          messages per fleet delivery run
#   BLOAT_HOLD 60                             seconds the bloat test holds its transaction open
#   STORE      true                           run the settings store benchmark (fixed Settings vs file and PostgreSQL
#                                             stores, current() under JMH, propagation between two stores)
#   N_STORE    10000                          messages per settings store run
#   RECEIPTS   true                           run the SMS delivery receipts benchmark (verified callbacks/s, C=4,
#                                             file journal)
#   N_RECEIPTS 2000                           SMS per receipts run (3 callbacks each)
#   STORE_JMH  $JMH                           whether the settings store benchmark measures current() under JMH
#   TEMPLATES  true                           run the template benchmark (renders/s of an invitation under JMH,
#                                             notify's engine vs mustache.java, C=1 and C=4; sends with and without
#                                             rendering)
#   N_TEMPLATES 10000                         messages per template send run
#   TEMPLATES_JMH $JMH                        whether the template benchmark measures renders under JMH
#   ADMIN      true                           run the admin page benchmark (fleet view and a server's page, 200
#                                             servers, server time p50/p95/p99 under JMH; target p95 < 50 ms)
#   N_2MS      600                            messages per run in plain-2ms (2 ms per round trip)
#   ONLY       (all)                          comma-separated contender ids: notify-sync, notify-async, jakarta-send,
#                                             jakarta-reused, sjm, sjm-pool, spring-batch, vertx-mail, raw-pipelined
#   CHUNKING   true                           whether the sink offers CHUNKING (BDAT); false = DATA for every client
#   DATA_VS_BDAT true                         with CHUNKING, run notify once more against a sink without it
#   JMH        true                           run the JMH micro-benchmarks
#   COLD_RUNS  3                              JVM launches per contender for the cold start (0 = skip)
#   REACTOR_POM pom.xml                       the reactor that contains notify-benchmarks
#   JFR        false                          true: each contender's throughput JVM records a JFR profile
#                                             (settings=profile) to notify-benchmarks/target/jfr/<contender>.jfr;
#                                             or the path of a .jfc file to record with those settings instead
# A full run writes notify-benchmarks/RESULTS.md; a partial one (any of the above set) writes
# notify-benchmarks/target/RESULTS-partial.md instead, so the published numbers always come from a full run.
# Exits non-zero if any run lost or duplicated a message (3) or failed (1).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
B=$ROOT/notify-benchmarks
T=$B/target
PARTIAL=false
for v in MODES THREADS N N_TLS N_2MS N_PER_CONNECTION ONLY CHUNKING DATA_VS_BDAT JMH COLD_RUNS GRAPH N_GRAPH OUTBOX \
    N_OUTBOX RECORD_BATCH OUTBOX_FLEET N_FLEET BLOAT_HOLD STORE N_STORE STORE_JMH TEMPLATES N_TEMPLATES TEMPLATES_JMH JFR RECEIPTS N_RECEIPTS ADMIN; do
  if [ -n "${!v:-}" ]; then PARTIAL=true; fi
done
MODES=${MODES:-plain,starttls-auth,plain-2ms}
THREADS=${THREADS:-1,4}
N=${N:-20000}
N_TLS=${N_TLS:-10000}
N_PER_CONNECTION=${N_PER_CONNECTION:-400}
GRAPH=${GRAPH:-true}
N_GRAPH=${N_GRAPH:-1000}
OUTBOX=${OUTBOX:-true}
N_OUTBOX=${N_OUTBOX:-2000}
RECORD_BATCH=${RECORD_BATCH:-64}
RECEIPTS=${RECEIPTS:-true}
N_RECEIPTS=${N_RECEIPTS:-2000}
OUTBOX_FLEET=${OUTBOX_FLEET:-true}
N_FLEET=${N_FLEET:-10000}
BLOAT_HOLD=${BLOAT_HOLD:-60}
STORE=${STORE:-true}
N_STORE=${N_STORE:-10000}
TEMPLATES=${TEMPLATES:-true}
N_TEMPLATES=${N_TEMPLATES:-10000}
N_2MS=${N_2MS:-600}
ONLY=${ONLY:-}
CHUNKING=${CHUNKING:-true}
case "$CHUNKING" in
  true) CHUNKING_OPTION= ;;
  false) CHUNKING_OPTION=--no-chunking ;;
  *) echo "CHUNKING must be true or false, not $CHUNKING" >&2; exit 2 ;;
esac
DATA_VS_BDAT=${DATA_VS_BDAT:-$CHUNKING}
JMH=${JMH:-true}
ADMIN=${ADMIN:-true}
STORE_JMH=${STORE_JMH:-$JMH}
TEMPLATES_JMH=${TEMPLATES_JMH:-$JMH}
COLD_RUNS=${COLD_RUNS:-3}
JFR=${JFR:-false}
JFR_DIR=""
JFR_SETTINGS=profile
if [ "$JFR" != false ]; then
  JFR_DIR=$T/jfr
  if [ "$JFR" != true ]; then JFR_SETTINGS=$(realpath "$JFR"); fi
fi
REACTOR_POM=${REACTOR_POM:-$ROOT/pom.xml}
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

echo "== build" >&2
mvn -q -B -f "$REACTOR_POM" -pl :notify-benchmarks -am package -DskipTests \
  "$DEP_PLUGIN:build-classpath" -Dmdep.outputFile=target/runtime.classpath -DincludeScope=runtime

# One class path per library, resolved by Maven from that library's own dependencies.
CP=$T/classpaths
rm -rf "$CP"
mkdir -p "$CP"
module() { # name, dependencies as groupId:artifactId ...
  local name=$1
  shift
  mkdir -p "$CP/$name"
  {
    echo '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
    echo '<parent><groupId>dev.notify</groupId><artifactId>notify-parent</artifactId><version>0.1.0-SNAPSHOT</version>'
    echo "<relativePath>../../../../pom.xml</relativePath></parent>"
    echo "<artifactId>classpath-$name</artifactId><dependencies>"
    for d in "$@"; do
      local g=${d%%:*} rest=${d#*:}
      local a=${rest%%:*} version=""
      if [ "$rest" != "$a" ]; then version="<version>${rest#*:}</version>"; fi
      echo "<dependency><groupId>$g</groupId><artifactId>$a</artifactId>$version</dependency>"
    done
    echo '</dependencies></project>'
  } > "$CP/$name/pom.xml"
}
version() { # a version property of a pom: the root's unless a second argument names another
  sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "${2:-$ROOT/pom.xml}" | head -1
}
SJM=$(version simple-java-mail.version)
SPRING=$(version spring.version "$ROOT/notify-benchmarks/pom.xml")
module jakarta jakarta.mail:jakarta.mail-api org.eclipse.angus:angus-mail
module sjm "org.simplejavamail:simple-java-mail:$SJM"
module sjm-pool "org.simplejavamail:simple-java-mail:$SJM" "org.simplejavamail:batch-module:$SJM"
module spring "org.springframework:spring-context-support:$SPRING" jakarta.mail:jakarta.mail-api org.eclipse.angus:angus-mail
module vertx io.vertx:vertx-mail-client
MODULES="jakarta sjm sjm-pool spring vertx"
{
  echo '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
  echo '<groupId>local</groupId><artifactId>classpaths</artifactId><version>1</version><packaging>pom</packaging>'
  echo "<modules>$(for name in $MODULES; do printf '<module>%s</module>' "$name"; done)</modules></project>"
} > "$CP/pom.xml"
mvn -q -B -f "$CP/pom.xml" "$DEP_PLUGIN:build-classpath" -Dmdep.outputFile=module.classpath -DincludeScope=runtime
for name in $MODULES; do
  cp "$CP/$name/module.classpath" "$CP/$name.classpath"
done
SMTP_JAR=$(ls "$ROOT"/notify-smtp/target/notify-smtp-*.jar | grep -v -- '-sources\|-javadoc\|-tests' | head -1)
echo "$SMTP_JAR:$(cat "$ROOT/notify-smtp/target/runtime.classpath")" > "$CP/notify.classpath"

FULL="$T/classes:$(cat "$T/runtime.classpath")"
SINK_DIR=$T/sink

SINK_PIDS=()
stop_sinks() {
  for pid in "${SINK_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
trap stop_sinks EXIT
start_sink() { # directory, log, options...
  local dir=$1 log=$2
  shift 2
  rm -rf "$dir"
  mkdir -p "$dir"
  java -cp "$FULL" dev.notify.benchmarks.sink.SmtpSink "$dir" "$@" > "$log" 2>&1 &
  local pid=$!
  SINK_PIDS+=("$pid")
  for _ in $(seq 1 300); do
    [ -f "$dir/sink.properties" ] && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$log" >&2
      echo "the sink did not start" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "the sink did not start in 30 s" >&2
  exit 1
}

echo "== sink" >&2
# shellcheck disable=SC2086 # CHUNKING_OPTION is one word or none
start_sink "$SINK_DIR" "$T/sink.log" $CHUNKING_OPTION

RESULTS=$B/RESULTS.md
if [ "$PARTIAL" = true ]; then
  RESULTS=$T/RESULTS-partial.md
fi
echo "== benchmarks (results: $RESULTS)" >&2
set +e
java -cp "$FULL" dev.notify.benchmarks.harness.BenchmarkRun \
  --sink "$SINK_DIR/sink.properties" --classpaths "$CP" --harness "$T/classes" --full-classpath "$T/runtime.classpath" \
  --modes "$MODES" --threads "$THREADS" --n "$N" --n-tls "$N_TLS" --n-2ms "$N_2MS" --n-per-connection "$N_PER_CONNECTION" --only "$ONLY" --jmh "$JMH" \
  --cold-runs "$COLD_RUNS" --jfr "$JFR_DIR" --jfr-settings "$JFR_SETTINGS" --logs "$T/bench-logs" --results "$RESULTS"
STATUS=$?
if [ "$CHUNKING" = true ] && [ "$DATA_VS_BDAT" = true ]; then
  echo "== notify: DATA vs BDAT" >&2
  start_sink "$T/sink-data" "$T/sink-data.log" --no-chunking
  DATA_MODES=$(echo "$MODES" | tr ',' '\n' | grep -v starttls | paste -sd, -)
  java -cp "$FULL" dev.notify.benchmarks.harness.BenchmarkRun \
    --sink "$T/sink-data/sink.properties" --classpaths "$CP" --harness "$T/classes" --full-classpath "$T/runtime.classpath" \
    --modes "$DATA_MODES" --threads "$THREADS" --n "$N" --n-tls "$N_TLS" --n-2ms "$N_2MS" --n-per-connection "$N_PER_CONNECTION" \
    --only notify-sync,notify-async --jmh false --cold-runs 0 --logs "$T/bench-logs-data" --results "$T/data.md" \
    > "$T/data.log" 2>&1
  DATA_STATUS=$?
  {
    printf '\n## notify: DATA vs BDAT\n\n'
    echo "The same notify against the same sink, once offering CHUNKING (content as one BDAT ... LAST in the group of"
    echo "MAIL and RCPT: one round trip per message) and once without it (pipelined MAIL, RCPT and DATA, then the"
    echo "content after the 354: two round trips). Rows copied from the table above (BDAT) and from a second run"
    echo "against a sink started with --no-chunking (DATA)."
    echo
    echo "| content as | mode | C | contender | msg/s | client CPU µs/msg | round trips/msg |"
    echo "|---|---|---:|---|---:|---:|---:|"
    for pair in "BDAT:$RESULTS" "DATA:$T/data.md"; do
      grep -E '^\| [a-z0-9-]+ \| [0-9]+ \| [0-9]+ \| \*\*notify-' "${pair#*:}" | grep -v starttls \
        | awk -F'|' -v as="${pair%%:*}" '{gsub(/ /, "", $2); print "| " as " | " $2 " |" $3 "|" $5 "|" $6 "|" $8 "|" $11 "|"}'
    done
  } > "$T/data-vs-bdat.md"
  cat "$T/data-vs-bdat.md"
  cat "$T/data-vs-bdat.md" >> "$RESULTS"
  [ $DATA_STATUS -eq 0 ] || STATUS=$DATA_STATUS
fi
if [ "$GRAPH" = true ]; then
  echo "== graph" >&2
  mkdir -p "$T/bench-logs"
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$FULL" dev.notify.benchmarks.graph.GraphBenchmark "$N_GRAPH" \
    > "$T/graph.md" 2> "$T/bench-logs/graph.log"
  GRAPH_STATUS=$?
  cat "$T/graph.md"
  printf '\n' >> "$RESULTS"
  cat "$T/graph.md" >> "$RESULTS"
  [ $GRAPH_STATUS -eq 0 ] || STATUS=$GRAPH_STATUS
fi
if [ "$OUTBOX" = true ]; then
  echo "== outbox" >&2
  mkdir -p "$T/bench-logs"
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dnotify.outbox.record-batch="$RECORD_BATCH" -cp "$FULL" \
    dev.notify.benchmarks.outbox.OutboxBenchmark \
    "$SINK_DIR/sink.properties" "$T/outbox-work" "$N_OUTBOX" > "$T/outbox.md" 2> "$T/bench-logs/outbox.log"
  OUTBOX_STATUS=$?
  cat "$T/outbox.md"
  printf '\n' >> "$RESULTS"
  cat "$T/outbox.md" >> "$RESULTS"
  [ $OUTBOX_STATUS -eq 0 ] || STATUS=$OUTBOX_STATUS
fi
if [ "$OUTBOX_FLEET" = true ]; then
  echo "== outbox on PostgreSQL: a fleet" >&2
  mkdir -p "$T/bench-logs"
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$FULL" dev.notify.benchmarks.outbox.FleetBenchmark \
    "$SINK_DIR/sink.properties" "$T/fleet-work" "$N_FLEET" "$BLOAT_HOLD" > "$T/fleet.md" 2> "$T/bench-logs/fleet.log"
  FLEET_STATUS=$?
  cat "$T/fleet.md"
  printf '\n' >> "$RESULTS"
  cat "$T/fleet.md" >> "$RESULTS"
  [ $FLEET_STATUS -eq 0 ] || STATUS=$FLEET_STATUS
fi
if [ "$STORE" = true ]; then
  echo "== settings store" >&2
  mkdir -p "$T/bench-logs"
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$FULL" dev.notify.benchmarks.store.StoreBenchmark \
    "$SINK_DIR/sink.properties" "$T/store-work" "$N_STORE" "$STORE_JMH" > "$T/store.md" 2> "$T/bench-logs/store.log"
  STORE_STATUS=$?
  cat "$T/store.md"
  printf '\n' >> "$RESULTS"
  cat "$T/store.md" >> "$RESULTS"
  [ $STORE_STATUS -eq 0 ] || STATUS=$STORE_STATUS
fi
if [ "$TEMPLATES" = true ]; then
  echo "== templates" >&2
  mkdir -p "$T/bench-logs"
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$FULL" dev.notify.benchmarks.templates.TemplateBenchmark \
    "$SINK_DIR/sink.properties" "$N_TEMPLATES" "$T/bench-logs/templates-jmh.log" "$TEMPLATES_JMH" \
    > "$T/templates.md" 2> "$T/bench-logs/templates.log"
  TEMPLATES_STATUS=$?
  cat "$T/templates.md"
  printf '\n' >> "$RESULTS"
  cat "$T/templates.md" >> "$RESULTS"
  [ $TEMPLATES_STATUS -eq 0 ] || STATUS=$TEMPLATES_STATUS
fi
if [ "$RECEIPTS" = true ]; then
  echo "== sms delivery receipts" >&2
  mkdir -p "$T/bench-logs"
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$FULL" dev.notify.benchmarks.receipts.ReceiptsBenchmark \
    "$T/receipts-work" "$N_RECEIPTS" 4 > "$T/receipts.md" 2> "$T/bench-logs/receipts.log"
  RECEIPTS_STATUS=$?
  cat "$T/receipts.md"
  printf '\n' >> "$RESULTS"
  cat "$T/receipts.md" >> "$RESULTS"
  [ $RECEIPTS_STATUS -eq 0 ] || STATUS=$RECEIPTS_STATUS
fi
if [ "$ADMIN" = true ]; then
  echo "== admin page" >&2
  mkdir -p "$T/bench-logs"
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$FULL" dev.notify.benchmarks.admin.AdminBenchmark \
    "$T/bench-logs/admin-jmh.log" > "$T/admin.md" 2> "$T/bench-logs/admin.log"
  ADMIN_STATUS=$?
  cat "$T/admin.md"
  printf '\n' >> "$RESULTS"
  cat "$T/admin.md" >> "$RESULTS"
  [ $ADMIN_STATUS -eq 0 ] || STATUS=$ADMIN_STATUS
fi
set -e
exit $STATUS
