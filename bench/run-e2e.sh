#!/bin/sh
# End-to-end figures for the README (issue 21): `trace --etl` of KernelNetwork.etl x100 (892,300 events) with the
# default enrichment (embedded GeoLite2 City + ASN through its range tables) to `--csv -` and `--jsonl -`, through
# the launcher's defaults and with -Xmx256m; events/s wall, user+sys CPU and peak RSS (GNU time); the same on the
# x1000 file (8,923,000 events; 1 GB written to $TMPDIR), where start-up and JIT compilation weigh less. Then the memory
# check: the same job on the x10 and the x100 file under -Xmx32m, both must finish, and the live set after a full
# collection (GC log) must be about the same (it does not grow with the file). Run on an idle machine; it prints the load.
# Usage: bench/run-e2e.sh [runs per configuration, default 3]
set -eu
cd "$(dirname "$0")/.."
runs=${1:-3}
work=${TMPDIR:-/tmp}/ws_tool-e2e
mkdir -p "$work/data"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (/usr/bin/time; apt-get install time)" >&2; exit 1; }
mvn -q -B -ntp -o -DskipTests package -pl cli -am
jar=cli/target/ws_tool.jar
python3 - "$work" <<'PY'
import sys
one = open("fixtures/etl/KernelNetwork.etl", "rb").read()
for n in (10, 100, 1000):
    open(f"{sys.argv[1]}/kn{n}.etl", "wb").write(one * n)
PY
events=892300
# read once, so that every timed run finds the files in the page cache (on this VM the first read after a write
# ran at ~0.8 GB/s, later ones at 4-7 GB/s: dd, 2026-12-03)
cat "$work"/kn*.etl >/dev/null
# first use: extracts the embedded databases and builds their range tables in the data dir (not timed)
java -jar "$jar" --data-dir="$work/data" geoip 8.8.8.8 >/dev/null
defaults="-Xms64m -Xmx512m -XX:+UseSerialGC" # as the ws_tool launcher
echo "machine: $(nproc) cores, $(uname -m), $(java -version 2>&1 | head -1); $(date -u '+%Y-%m-%d %H:%M UTC')"
for fmt in csv jsonl; do
    for heap in "" "-Xmx256m"; do
        for i in $(seq "$runs"); do
            load=$(cut -d' ' -f1 /proc/loadavg)
            # shellcheck disable=SC2086
            /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" java $defaults $heap -jar "$jar" --data-dir="$work/data" \
                trace --etl "$work/kn100.etl" --all "--$fmt" - >/dev/null 2>"$work/err.txt"
            read -r wall user sys rss < "$work/time.txt"
            python3 -c "import sys; w,u,s,r=map(float,sys.argv[1:5]); print(f'--{sys.argv[5]} {sys.argv[6] or \"launcher defaults\"}: {int(sys.argv[7])/w/1e6:.2f} M events/s wall ({w:.2f} s), CPU {u+s:.2f} s, peak RSS {r/1024:.0f} MB, load {sys.argv[8]}')" \
                "$wall" "$user" "$sys" "$rss" "$fmt" "$heap" "$events" "$load"
        done
    done
done
# the same command on the x1000 file (1 GB, 8,923,000 events), where JVM start and JIT compilation weigh a tenth
for fmt in csv jsonl; do
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" java $defaults -jar "$jar" --data-dir="$work/data" \
        trace --etl "$work/kn1000.etl" --all "--$fmt" - >/dev/null 2>"$work/err.txt"
    read -r wall user sys rss < "$work/time.txt"
    python3 -c "import sys; w,u,s,r=map(float,sys.argv[1:5]); print(f'x1000 --{sys.argv[5]}: {8923000/w/1e6:.2f} M events/s wall ({w:.2f} s), CPU {u+s:.2f} s, peak RSS {r/1024:.0f} MB')" \
        "$wall" "$user" "$sys" "$rss" "$fmt"
done
# start-up and JIT compilation vs the steady state: the CSV job five times in one JVM (the first run is the cold one)
java $defaults -cp "$jar" bench/WarmJob.java 5 "$events" --data-dir="$work/data" trace --etl "$work/kn100.etl" --all --csv -
for n in 10 100; do
    # 32 MB: retaining even 40 bytes per event of the x100 file would not fit, so finishing at all shows the bound
    java -XX:+UseSerialGC -Xmx32m -Xlog:gc:file="$work/gc$n.log" -jar "$jar" --data-dir="$work/data" \
        trace --etl "$work/kn$n.etl" --all --csv - >/dev/null 2>"$work/err.txt" || { echo "x$n failed in 32 MB" >&2; exit 1; }
    python3 - "$work/gc$n.log" "$n" <<'PY'
import re, sys
log = open(sys.argv[1]).read()
# the heap after a full collection is the live set; after a young one it includes promoted garbage, so with no
# full collection at all (the old generation never filled) the largest heap after any collection is an upper bound
full = [int(m.group(1)) for m in re.finditer(r"Pause Full.*?->(\d+)M\(", log)]
every = [int(m.group(1)) for m in re.finditer(r"Pause \w+.*?->(\d+)M\(", log)]
if full:
    print(f"-Xmx32m x{sys.argv[2]}: finished; {len(full)} full collections, live set after them at most {max(full)} MB")
else:
    print(f"-Xmx32m x{sys.argv[2]}: finished; no full collection needed in {len(every)} collections, heap after "
          f"them at most {max(every)} MB (StreamingHeapTest measures the live set itself)")
PY
done
echo
# enrichment alone: range tables vs readers vs libmaxminddb (C), same addresses, same run
sh bench/enrichment-vs-c.sh || echo "enrichment vs C not run (see the message above)"
