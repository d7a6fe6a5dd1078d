#!/usr/bin/env bash
# NFLOG capture benchmark: ws_tool firewall vs ulogd2 on the same bounded flood of dropped UDP packets.
#
# Two network namespaces joined by veth on 10.213.99.0/24 (10.213.0.0/16 blackholed in the root namespace while
# the run lasts). In the server namespace one nft rule counts each packet and logs it to two NFLOG groups, one per
# tool (group 101: ws_tool, writing CSV; group 102: ulogd2, NFLOG -> BASE -> IP2STR -> JSON), then drops it. Both
# tools get the same socket receive buffer. A python3 sender in the client namespace sends N packets as fast as it
# can. Reported: packets sent, the kernel's rule counter, events each tool wrote, ws_tool's own lost count.
#
# WARMUP packets (default 0) go first to another port, logged to ws_tool's group only and not counted: a JVM a
# second after start runs interpreted code, so a cold burst measures JIT warm-up, not steady-state capture.
#
# usage (root): linux/bench/nflog-vs-ulogd.sh [N=200000] [WARMUP=0]   needs: nftables iproute2 ulogd2 python3 bc,
# and cli/target/ws_tool.jar (mvn -q -B -ntp -pl cli -am package -DskipTests)
set -euo pipefail
N=${1:-200000}
WARMUP=${2:-0}
[[ $WARMUP =~ ^[0-9]+$ ]] && (( WARMUP <= 5000000 )) || { echo "WARMUP must be 0-5000000" >&2; exit 2; }
[[ $N =~ ^[0-9]+$ ]] && (( N > 0 && N <= 5000000 )) || { echo "N must be 1-5000000" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$ROOT/cli/target/ws_tool.jar
[[ -f $JAR ]] || { echo "build the jar first: mvn -q -B -ntp -pl cli -am package -DskipTests" >&2; exit 2; }
[[ $(id -u) == 0 ]] || { echo "needs root (namespaces, nftables, NFLOG)" >&2; exit 2; }
BUF=$((64 * 1024 * 1024)) # ws_tool's default socket buffer; ulogd2 gets the same
C=wstb-c-$$ S=wstb-s-$$
W=$(mktemp -d)
ULOGD_PID= WS_PID= BLACKHOLE=
cleanup() {
  [[ -n $WS_PID ]] && kill "$WS_PID" 2>/dev/null || true
  [[ -n $ULOGD_PID ]] && kill "$ULOGD_PID" 2>/dev/null || true
  sleep 0.5
  ip netns del "$C" 2>/dev/null || true
  ip netns del "$S" 2>/dev/null || true
  [[ -n $BLACKHOLE ]] && ip route del blackhole 10.213.0.0/16 2>/dev/null || true
  [[ -n ${KEEP:-} ]] && echo "kept $W" >&2 || rm -rf "$W"
}
trap cleanup EXIT
ip route add blackhole 10.213.0.0/16 2>/dev/null && BLACKHOLE=1 || true
ip netns add "$C"; ip netns add "$S"
ip link add vbc$$ netns "$C" type veth peer name vbs$$ netns "$S"
ip -n "$C" addr add 10.213.99.1/24 dev vbc$$; ip -n "$S" addr add 10.213.99.2/24 dev vbs$$
for ns in "$C" "$S"; do ip -n "$ns" link set lo up; done
ip -n "$C" link set vbc$$ up; ip -n "$S" link set vbs$$ up
ip netns exec "$S" nft -f - <<NFT
table inet bench {
  chain input {
    type filter hook input priority 0; policy accept;
    udp dport 9999 counter log prefix "bench drop" group 101 log prefix "bench drop" group 102 drop
    udp dport 9998 log prefix "warmup drop" group 101 drop
  }
}
NFT

cat > "$W/ulogd.conf" <<CONF
[global]
logfile="$W/ulogd.log"
loglevel=5
plugin="/usr/lib/x86_64-linux-gnu/ulogd/ulogd_inppkt_NFLOG.so"
plugin="/usr/lib/x86_64-linux-gnu/ulogd/ulogd_raw2packet_BASE.so"
plugin="/usr/lib/x86_64-linux-gnu/ulogd/ulogd_filter_IP2STR.so"
plugin="/usr/lib/x86_64-linux-gnu/ulogd/ulogd_output_JSON.so"
stack=log1:NFLOG,base1:BASE,ip2str1:IP2STR,json1:JSON
[log1]
group=102
netlink_socket_buffer_size=$BUF
netlink_socket_buffer_maxsize=$BUF
[json1]
sync=0
file="$W/ulogd.json"
CONF
ip netns exec "$S" ulogd -c "$W/ulogd.conf" & ULOGD_PID=$!
ip netns exec "$S" java -jar "$JAR" firewall --nflog-group 101 --csv - --duration 600s \
  > "$W/ws_tool.csv" 2> "$W/ws_tool.err" & WS_PID=$!
for i in $(seq 1 600); do grep -q "listening on NFLOG group" "$W/ws_tool.err" && break; sleep 0.1; done
grep -q "listening on NFLOG group" "$W/ws_tool.err" || { echo "ws_tool did not start: $(cat "$W/ws_tool.err")" >&2; exit 1; }
sleep 1 # ulogd2 (started first, C) is up well before a JVM
flood() { # count port
  ip netns exec "$C" python3 -c '
import socket, sys
n = int(sys.argv[1]); s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); d = ("10.213.99.2", int(sys.argv[2])); p = b"x" * 32
sent = 0
for i in range(n):
    try:
        s.sendto(p, d); sent += 1
    except OSError:
        pass
print(sent)' "$1" "$2"
}
# seconds (since START) at which a file's count of measured events stopped changing: the tool's processing time
settle() { # file pattern
  local last=-1 same=0 now c
  while (( same < 8 )); do
    c=$(grep -c "$2" "$1" || true)
    if [[ $c == "$last" ]]; then same=$((same + 1)); else same=0; last=$c; now=$(date +%s.%N); fi
    sleep 0.25
  done
  echo "$last $(echo "$now - $START" | bc -l)"
}
START=$(date +%s.%N)
if (( WARMUP > 0 )); then flood "$WARMUP" 9998 > /dev/null; settle "$W/ws_tool.csv" ',warmup drop,' > /dev/null; fi
START=$(date +%s.%N)
SENT=$(flood "$N" 9999)
END=$(date +%s.%N)
read -r WS WS_T < <(settle "$W/ws_tool.csv" ',bench drop,')
read -r UL UL_T < <(settle "$W/ulogd.json" '"bench drop"')
kill -TERM "$WS_PID" 2>/dev/null || true; wait "$WS_PID" || true; WS_PID=
kill "$ULOGD_PID" 2>/dev/null || true; wait "$ULOGD_PID" 2>/dev/null || true; ULOGD_PID=
UL=$(grep -c '"bench drop"' "$W/ulogd.json" || true) # after exit: ulogd2 buffers its last lines
WS=$(grep -c ',bench drop,' "$W/ws_tool.csv" || true)
KERNEL=$(ip netns exec "$S" nft list chain inet bench input | sed -n 's/.*counter packets \([0-9]*\).*/\1/p')
SECS=$(echo "$END - $START" | bc -l)
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), kernel $(uname -r)"
printf 'flood: %d packets sent in %.2f s (%.0f packets/s); kernel rule counter: %s\n' "$SENT" "$SECS" "$(echo "$SENT / $SECS" | bc -l)" "$KERNEL"
printf 'ws_tool: %d events (%.1f%% of counted), all written %.2f s after the flood began (%.0f events/s)\n' "$WS" "$(echo "100 * $WS / $KERNEL" | bc -l)" "$WS_T" "$(echo "$WS / $WS_T" | bc -l)"
printf 'ulogd2:  %d events (%.1f%% of counted), all written %.2f s after the flood began (%.0f events/s)\n' "$UL" "$(echo "100 * $UL / $KERNEL" | bc -l)" "$UL_T" "$(echo "$UL / $UL_T" | bc -l)"
echo "ws_tool summary: $(grep -E 'events shown|by kind' "$W/ws_tool.err" | tr '\n' ' ')"
grep -iE "lost|overrun|ENOBUFS|error" "$W/ulogd.log" | tail -3 || true
