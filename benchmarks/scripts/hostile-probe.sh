#!/usr/bin/env bash
# A fresh probe of the command line with hostile inputs (issue 18, "done when"): each case runs the
# jar and is classified from its exit code and stderr. Prints one line per case and the counts.
#   good    : exit 2 with one line on stderr naming the problem, or exit 0/1 with the right answer
#   trace   : a stack trace ("\tat " or "Exception in thread") on stderr
#   raw     : a raw ESC or U+202E on stderr (the display policy broken)
#   silent  : exit 0 where the case expects a refusal (a silent wrong answer)
# Usage: benchmarks/scripts/hostile-probe.sh [path/to/bucketproof.jar]
set -u
JAR=${1:-reports/target/bucketproof.jar}
J=(java -Xmx96m -jar "$JAR")
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
good=0; trace=0; raw=0; silent=0; n=0
ESC=$'\e'; RLO=$'\u202e'

# case NAME EXPECT(refuse|ok) -- command...   (stdin from $IN if set)
probe() {
  local name=$1 expect=$2; shift 3
  local err="$W/err" code
  if [[ -n ${IN:-} ]]; then "$@" < "$IN" > "$W/out" 2> "$err"; code=$?
  else "$@" < /dev/null > "$W/out" 2> "$err"; code=$?; fi
  n=$((n + 1))
  local verdict=good
  if grep -q $'\tat \|Exception in thread' "$err"; then verdict=trace; trace=$((trace + 1))
  elif grep -q "$ESC\|$RLO" "$err"; then verdict=raw; raw=$((raw + 1))
  elif [[ $expect == refuse && $code -eq 0 ]]; then verdict=silent; silent=$((silent + 1))
  else good=$((good + 1)); fi
  printf '%-8s exit %-3s %-44s %s\n' "$verdict" "$code" "$name" "$(head -c 150 "$err" | tr '\n' ' ')"
}

cd "$W"
printf 'user,flag,enabled\nu1,a,true\nu2,a,false\n' > a.csv
printf '{"a":{"rollout":50}}' > flags.json
printf '{"a":{"weights":{"x":1,"x":2}}}' > dupweights.json
printf '{"a":{"rollout":50}}\n\n{}' > twoobjects.json
printf '\xef\xbb\xbf{"a":{"rollout":50}}' > bom.json
printf '{"a":{"rollout":50},"b":{"rollout":1e400}}' > hugenumber.json
printf '{"a":{"profiles":{"launchdarkly":{"salt":"s","salt":"t"}}}}' > dupparam.json
printf '{"user":"u1","flag":"a","enabled":true,"flag":"b"}\n' > dupkey.jsonl
printf 'user\tflag\tenabled\nu\xff1\ta\ttrue\n' > latin.tsv
head -c 4096 /dev/urandom > random.bin
printf 'user,flag,enabled\n' > headeronly.csv
mkfifo pipe.csv
ln -s /nonexistent dangling.csv
mkdir -p d

probe "flags: weight key twice"            refuse -- "${J[@]}" report --assignments a.csv --flags dupweights.json --out o1
probe "flags: two objects, blank between"  refuse -- "${J[@]}" report --assignments a.csv --flags twoobjects.json --out o1
probe "flags: 1e400"                       refuse -- "${J[@]}" report --assignments a.csv --flags hugenumber.json --out o1
probe "flags: profile parameter twice"     refuse -- "${J[@]}" report --assignments a.csv --flags dupparam.json --out o1
probe "flags: UTF-8 BOM (refused, named)" refuse    -- "${J[@]}" audit-assignments --assignments a.csv --flags bom.json --out o2
probe "flags: /dev/urandom"                refuse -- "${J[@]}" report --assignments a.csv --flags /dev/urandom --out o1
probe "flags: dangling symlink"            refuse -- "${J[@]}" report --assignments a.csv --flags dangling.csv --out o1
probe "jmh: /dev/urandom"                  refuse -- "${J[@]}" report --users 10 --population uuid --jmh /dev/urandom --out o1
probe "jmh: random binary"                 refuse -- "${J[@]}" report --users 10 --population uuid --jmh random.bin --out o1
probe "assignments: random binary"         refuse -- "${J[@]}" audit-assignments --assignments random.bin --out o1
probe "assignments: header only"           refuse -- "${J[@]}" audit-assignments --assignments headeronly.csv --out o1
probe "assignments: FIFO"                  refuse -- "${J[@]}" audit-assignments --assignments pipe.csv --out o1
probe "assignments: dangling symlink"      refuse -- "${J[@]}" audit-assignments --assignments dangling.csv --out o1
probe "assignments: /dev/null"             refuse -- "${J[@]}" audit-assignments --assignments /dev/null --out o1
probe "assignments: JSON key twice (row rejected)" ok -- "${J[@]}" audit-assignments --assignments dupkey.jsonl --out o3
probe "audit-assignments --hasher"         refuse -- "${J[@]}" audit-assignments --assignments a.csv --hasher x --out o1
probe "report --assignments --alpha 0.5"   refuse -- "${J[@]}" report --assignments a.csv --alpha 0.5 --out o1
probe "report --snapshots --max-id-bytes"  refuse -- "${J[@]}" report --snapshots d --max-id-bytes 3 --out o1
probe "hasher ESC+RLO name"                refuse -- "${J[@]}" hash --hasher "x${ESC}[2J${RLO}" a
probe "flag key ESC (bucket)"              ok     -- "${J[@]}" bucket --flag "f${ESC}[2J" u1
probe "out name with RLO under a file"     refuse -- "${J[@]}" report --users 10 --population uuid --out "a.csv/${RLO}x"
probe "ids file name ESC, missing"         refuse -- "${J[@]}" report --ids "${ESC}[31m.txt" --out o1
probe "power --users 1e5"                  refuse -- "${J[@]}" power --rollout 5 --users 1e5
probe "power --rollout -5"                 refuse -- "${J[@]}" power --rollout -5 --users 1000
probe "power --rollout 5.000000001"        ok     -- "${J[@]}" power --rollout 5.000000001 --users 1000
probe "power --alpha 0.9"                  refuse -- "${J[@]}" power --rollout 5 --users 1000 --alpha 0.9
probe "power --weights 0,0"                refuse -- "${J[@]}" power --weights 0,0 --users 1000
probe "power --error 1e-3"                 refuse -- "${J[@]}" power --rollout 5 --error 1e-3
probe "srm --alpha +0.01"                  refuse -- "${J[@]}" srm --observed 5,5 --weights 1,1 --alpha +0.01
probe "srm --observed 00012,0x10"          refuse -- "${J[@]}" srm --observed 00012,0x10 --weights 1,1
probe "srm --weights 1.5e2,50"             refuse -- "${J[@]}" srm --observed 10,10 --weights 1.5e2,50
probe "report --buckets 100.0"             refuse -- "${J[@]}" report --buckets 100.0 --users 10 --population uuid --out o1
probe "report --threads -1"                refuse -- "${J[@]}" report --threads -1 --users 10 --population uuid --out o1
probe "report --users 99999999999999999999" refuse -- "${J[@]}" report --users 99999999999999999999 --population uuid --out o1
probe "compare --users 0"                  refuse -- "${J[@]}" compare --from unleash --to flagd --flag f --rollout 5 --population uuid --users 0
probe "compare --variants with --rollout"  refuse -- "${J[@]}" compare --from flagd --to flagd-0.11 --flag f --rollout 5 --variants a:50,b:50 --population uuid --users 10
probe "compare --ids random binary"        refuse -- "${J[@]}" compare --from unleash --to flagd --flag f --rollout 5 --ids random.bin
probe "bucket --max-id-bytes 0"            refuse -- "${J[@]}" bucket --flag f --max-id-bytes 0 u1
IN=d probe "hash: stdin a directory"       refuse -- "${J[@]}" hash --hasher bucketproof:murmur3_x86_32
IN=/dev/urandom probe "bucket: /dev/urandom, 1 KiB ids" refuse -- timeout 20 "${J[@]}" bucket --flag f --max-id-bytes 1024
IN=latin.tsv probe "hash: latin-1 byte on stdin (counted)" ok -- "${J[@]}" hash --hasher bucketproof:murmur3_x86_32
probe "LANG=C flag key"                    refuse -- env LANG=C LC_ALL=C "${J[@]}" bucket --flag "café" u1
probe "LANG=C hasher name é"               refuse -- env LANG=C LC_ALL=C "${J[@]}" hash --hasher "é" u1
probe "--help > /dev/full"                 refuse -- sh -c "exec ${J[*]} audit-assignments --help > /dev/full"
probe "explain --version > /dev/full"      refuse -- sh -c "exec ${J[*]} explain --version > /dev/full"

echo "cases $n: good $good, stack trace $trace, raw control on stderr $raw, silent wrong answer $silent"
