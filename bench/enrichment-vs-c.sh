#!/bin/sh
# Enrichment throughput: ws_tool's range tables (memory-mapped from the data dir) and its MaxMind DB readers (JMH),
# then libmaxminddb (C, bench/c/mmdb_lookup.c) on the same databases and the same addresses, in one run; prints
# the ratios. Needs gcc and libmaxminddb-dev (installed here with apt-get when run as root and missing).
# Short runs by default (a shared 2-core machine); JMH_ARGS overrides, e.g. JMH_ARGS="-wi 3 -i 5".
set -eu
cd "$(dirname "$0")/.."
if ! pkg-config --exists libmaxminddb 2>/dev/null && [ ! -e /usr/include/maxminddb.h ] && ! ls /usr/include/*/maxminddb.h >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then apt-get install -y -q libmaxminddb-dev >/dev/null; else echo "needs libmaxminddb-dev (apt-get install libmaxminddb-dev)" >&2; exit 1; fi
fi
work=${TMPDIR:-/tmp}/ws_tool-bench
mkdir -p "$work"
gcc -O2 -Wall -o "$work/mmdb_lookup" bench/c/mmdb_lookup.c -lmaxminddb
mvn -q -B -ntp -o -DskipTests package -pl bench -am
jar=bench/target/benchmarks.jar
java -jar "$jar" EnrichmentBenchmark ${JMH_ARGS:--wi 1 -w 3 -i 3 -r 3 -f 1} -rf json -rff "$work/jmh.json" | tail -8
data=${TMPDIR:-/tmp}/ws_tool-bench-data/embedded   # extracted by the benchmark's set-up (EnrichmentBenchmark.dataDir)
for s in zipf uniform; do
    java -cp "$jar" wstool.bench.AddressStreams "$s" "$work/$s.bin"
    "$work/mmdb_lookup" "$data/GeoLite2-City.mmdb" "$data/GeoLite2-ASN.mmdb" "$work/$s.bin" 5 | tee "$work/c-$s.txt"
done
python3 - "$work" <<'PY'
import json, re, sys
work = sys.argv[1]
jmh = {(r["params"]["stream"], r["params"]["tables"]): r["primaryMetric"]["score"] for r in json.load(open(work + "/jmh.json"))}
print("| stream | ws_tool range tables | ws_tool readers | libmaxminddb (median) | tables / C | readers / C |")
print("|---|---|---|---|---|---|")
for s in ("uniform", "zipf"):
    c = float(re.search(r"median (\d+)", open(f"{work}/c-{s}.txt").read()).group(1))
    t, r = jmh[(s, "tables")], jmh[(s, "readers")]
    print(f"| {s} | {t / 1e6:.2f} M/s | {r / 1e6:.2f} M/s | {c / 1e6:.2f} M/s | {t / c:.1f}x | {r / c:.2f}x |")
PY
