#!/usr/bin/env bash
# End-to-end throughput of the command line on files of random UUIDs, one per line (37 bytes a line):
#   cat ids > out                                   the floor: copying the file
#   bucket --flag f < ids > out                     the streaming filter (ids/s, and x cat)
#   cat out > out.copy                              copying bucket's output: the floor for its bytes
#   report --ids ids --hasher <default>             the file audit with one hasher (MB/s)
#   report --ids ids                                the same with all five hashers (MB/s)
#   report --ids ids (20M lines only) in -Xmx64m    the memory claim: exit 0 and peak RSS
# Each command runs RUNS times after one warm-up; the table shows medians (wall, user, sys seconds, peak
# RSS). The files are generated once, from a fixed seed, into DIR; the first run of a size puts them in
# the page cache. Needs the jars: mvn -B package -DskipTests. Numbers depend on the machine: run it on a
# quiet one.
#
#   benchmarks/scripts/stream-bench.sh                      # 2M and 20M lines, 5 runs each (~10 minutes)
#   SIZES=2000000 RUNS=3 benchmarks/scripts/stream-bench.sh  # a quick look (~1 minute)
set -euo pipefail
cd "$(dirname "$0")/../.."

JAR=${JAR:-reports/target/bucketproof.jar}
DIR=${DIR:-benchmarks/target/stream}
RUNS=${RUNS:-5}
SIZES=${SIZES:-"2000000 20000000"}
JAVA=${JAVA:-java}

[ -f "$JAR" ] || { echo "missing $JAR: run mvn -B package -DskipTests" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian: apt-get install time)" >&2; exit 2; }
mkdir -p "$DIR"

# Runs "$@" once: prints "wall user sys maxrss_kib exit".
once() {
  local stats="$DIR/time.txt" code=0
  /usr/bin/time -o "$stats" -f '%e %U %S %M %x' "$@" || code=$?
  cat "$stats"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# measure NAME COMMAND...: one warm-up, RUNS counted runs; sets WALL USER SYS RSS (medians) and CODE.
measure() {
  local name=$1; shift
  once "$@" > /dev/null
  local rows="$DIR/rows.txt"; : > "$rows"
  for _ in $(seq "$RUNS"); do once "$@" >> "$rows"; done
  WALL=$(awk '{ print $1 }' "$rows" | median)
  USER=$(awk '{ print $2 }' "$rows" | median)
  SYS=$(awk '{ print $3 }' "$rows" | median)
  RSS=$(awk '{ print $4 }' "$rows" | median)
  CODE=$(awk '{ print $5 }' "$rows" | sort -u | tr '\n' ' ')
  MINWALL=$(awk '{ print $1 }' "$rows" | sort -g | head -1)
  MAXWALL=$(awk '{ print $1 }' "$rows" | sort -g | tail -1)
}

echo "# bucketproof end to end: $(date -u +%Y-%m-%d), $(nproc) cores, $("$JAVA" -version 2>&1 | head -1)"
echo
echo "| lines | command | wall s (min-max) | user s | sys s | peak RSS MiB | ids/s | MB/s | x cat | exit |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for lines in $SIZES; do
  ids="$DIR/ids-$lines.txt"
  if [ ! -s "$ids" ]; then
    "$JAVA" benchmarks/scripts/UuidLines.java "$lines" > "$ids"
  fi
  bytes=$(wc -c < "$ids")
  out="$DIR/out.txt"
  cat "$ids" > /dev/null
  row() {
    local name=$1 cat_wall=$2
    awk -v lines="$lines" -v bytes="$bytes" -v name="$name" -v wall="$WALL" -v min="$MINWALL" -v max="$MAXWALL" \
        -v user="$USER" -v sys="$SYS" -v rss="$RSS" -v cat="$cat_wall" -v code="$CODE" 'BEGIN {
      w = (wall > 0) ? wall : 0.001
      ratio = (cat > 0) ? sprintf("%.1f", wall / cat) : "-"
      printf "| %d | `%s` | %.2f (%.2f-%.2f) | %.2f | %.2f | %.0f | %.0f | %.0f | %s | %s|\n", lines, name, wall, min, max,
          user, sys, rss / 1024, lines / w, bytes / w / 1e6, ratio, code }'
  }
  measure cat sh -c "cat '$ids' > '$out'"
  CAT=$WALL
  row "cat ids > out" 0
  measure bucket sh -c "'$JAVA' -jar '$JAR' bucket --flag f < '$ids' > '$out'"
  row "bucket --flag f < ids > out" "$CAT"
  # bucket writes about 4.8x the bytes it reads (the id twice, the hasher, the key): copying its output
  # is the floor of writing that many bytes.
  measure catout sh -c "cat '$out' > '$out.copy'"
  row "cat out > out.copy (bucket's output, $(wc -c < "$out") bytes)" 0
  rm -f "$out" "$out.copy"
  measure report1 "$JAVA" -jar "$JAR" report --quiet --ids "$ids" --hasher bucketproof:murmur3_x86_32 --out "$DIR/site"
  row "report --ids ids --hasher bucketproof:murmur3_x86_32" 0
  measure report5 "$JAVA" -jar "$JAR" report --quiet --ids "$ids" --out "$DIR/site"
  row "report --ids ids (5 hashers)" 0
  if [ "$lines" -ge 20000000 ]; then
    measure heap64 "$JAVA" -Xmx64m -jar "$JAR" report --quiet --ids "$ids" --out "$DIR/site"
    row "java -Xmx64m ... report --ids ids (5 hashers)" 0
  fi
done
echo
echo "Medians of $RUNS runs after one warm-up; ids/s and MB/s are of the ids file; files in the page cache;"
echo "report exits 1 if a gate fails (random UUIDs pass)."
