#!/usr/bin/env python3
"""Writes samples/demo.jsonl: a small, deterministic, SYNTHETIC recording in ws_tool's JSON Lines format
(firewall verdicts, socket calls and DNS lookups of a Windows desktop over two minutes). It exists so that
`ws_tool replay samples/demo.jsonl` shows every part of the product on a fresh machine. Not a real capture:
the addresses are public ones chosen so that the embedded GeoLite2 data has answers for them.

The firewall verdicts carry no pid, as real WFP net events (they name the program's path, not its process): the
process behind a verdict is for `ws_tool monitor` to find from the socket events. The correlations the recording is
built with are written to samples/demo.expected.json (which verdict belongs to which pid, every connection's flow
with its bytes, outcome, hostname and Community ID, computed here independently of ws_tool); the cli tests run
`monitor` on the recording and compare.

Usage: scripts/make-demo-recording.py > samples/demo.jsonl   (also writes samples/demo.expected.json)
"""
import base64
import hashlib
import ipaddress
import json
import os
import random
from datetime import datetime, timedelta, timezone

rnd = random.Random(20261121)
t0 = datetime(2026, 11, 20, 9, 15, 0, tzinfo=timezone.utc)
LOCAL4 = "192.168.178.23"
LOCAL6 = "2001:db8:1:2::23"
scanners = ["45.155.205.233", "193.32.162.157", "61.177.172.136", "218.92.0.112", "185.220.101.4",
            "89.248.165.66", "162.142.125.10", "2a06:4880::1"]
services = [("chrome.exe", r"C:\Program Files\Google\Chrome\Application\chrome.exe", 4412,
             [("142.250.185.78", 443, "www.google.com"), ("140.82.121.4", 443, "github.com"),
              ("151.101.1.69", 443, "stackoverflow.com"), ("2a00:1450:4001:82a::200e", 443, "www.youtube.com")]),
            ("curl.exe", r"C:\Windows\System32\curl.exe", 7720, [("93.184.216.34", 80, "example.com")]),
            ("OneDrive.exe", r"C:\Users\ana\AppData\Local\Microsoft\OneDrive\OneDrive.exe", 3108,
             [("13.107.42.12", 443, "onedrive.live.com")])]
ms = 0
out = []


last_us = -1


def ts():
    # strictly increasing, so each socket's calls are in order (the verifier judges them by time)
    global last_us
    last_us = max(last_us + 1, ms * 1000 + rnd.randint(0, 999))
    return (t0 + timedelta(microseconds=last_us)).strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z"


def ep(addr, port):
    return {"address": addr, "port": port}


expected_verdicts = []
expected_flows = []
firewall_only = set()


def community_id(proto, a, ap, b, bp):
    """Community ID v1, seed 0 (corelight/community-id-spec), written from the spec here, apart from ws_tool's."""
    x, y = ipaddress.ip_address(a).packed, ipaddress.ip_address(b).packed
    if (x, ap) > (y, bp):
        x, ap, y, bp = y, bp, x, ap
    data = b"\0\0" + x + y + bytes([proto, 0]) + ap.to_bytes(2, "big") + bp.to_bytes(2, "big")
    return "1:" + base64.b64encode(hashlib.sha1(data).digest()).decode()


def fw(kind, direction, proto, local, remote, app, pid, fid, fname, layer, lname, user="NT AUTHORITY\\SYSTEM"):
    """A WFP verdict: no pid in it (WFP does not report one); pid is the process it belongs to, None for none."""
    t = ts()
    out.append({"class": "FIREWALL", "timestamp": t, "source": "WFP", "kind": "DROP" if kind.endswith("DROP") else "ALLOW",
                "process": app, "user": user, "ip_protocol": proto, "local": local, "remote": remote,
                "type": kind, "direction": direction, "filter_id": fid, "filter_name": fname,
                "layer_id": layer, "layer_name": lname})
    if app is None:
        del out[-1]["process"]  # an inbound drop that no program was listening for names none
    expected_verdicts.append({"timestamp": t, "pid": pid})
    if pid is None:
        firewall_only.add((proto, local["address"], local["port"], remote["address"], remote["port"]))


def sock(op, phase, app, pid, proto, local, remote, eid, family, nbytes=-1, buf=-1, status=0, sname="STATUS_SUCCESS",
         direction="OUT"):
    e = {"class": "SOCKET", "timestamp": ts(), "source": "ETW_AFD", "kind": op, "pid": pid, "process": app,
         "ip_protocol": proto, "op": op, "phase": phase, "direction": direction, "endpoint_id": eid,
         "family": family, "socket_type": 1 if proto == 6 else 2, "buffer_length": buf, "bytes": nbytes,
         "status": status, "status_name": sname}
    if local:
        e["local"] = local
    if remote:
        e["remote"] = remote
    out.append(e)


def dns(app, pid, name, results, status=0, sname="SUCCESS", qtype=1):
    out.append({"class": "DNS", "timestamp": ts(), "source": "ETW_DNS", "kind": "DNS", "pid": pid, "process": app,
                "query": name, "query_type": qtype, "status": status, "status_name": sname, "results": results})


svchost = r"\device\harddiskvolume3\windows\system32\svchost.exe"
endpoint = 0xFFFFA38F2C710000
for step in range(240):
    ms += rnd.randint(200, 700)
    r = rnd.random()
    if r < 0.35:
        src = rnd.choice(scanners)
        v6 = ":" in src
        port = rnd.choice([22, 23, 445, 3389, 1433, 5900, 8080])
        fw("CLASSIFY_DROP", "IN", 6, ep(LOCAL6 if v6 else LOCAL4, port), ep(src, rnd.randint(1024, 65535)),
           None, None, 68812, "Block inbound by default (Public)", 44 if not v6 else 46,
           "FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4" if not v6 else "FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V6")
    elif r < 0.45:
        fw("CLASSIFY_DROP", "OUT", 17, ep(LOCAL4, rnd.randint(50000, 60000)), ep("198.51.100.7", 53),
           svchost, None, 71234, "Block legacy DNS (policy)", 48, "FWPM_LAYER_ALE_AUTH_CONNECT_V4")
    else:
        name, path, pid, targets = rnd.choice(services)
        addr, port, host = rnd.choice(targets)
        v6 = ":" in addr
        local = ep(LOCAL6 if v6 else LOCAL4, rnd.randint(49152, 65535))
        remote = ep(addr, port)
        endpoint += 0x1a0
        fam = 23 if v6 else 2
        dns(name, pid, host, [addr], qtype=28 if v6 else 1)
        ms += rnd.randint(5, 30)
        flow = {"local_port": local["port"], "remote_address": addr, "remote_port": port, "pid": pid, "hostname": host,
                "out_bytes": 0, "in_bytes": 0, "community_id": community_id(6, local["address"], local["port"], addr, port)}
        fw("CLASSIFY_ALLOW", "OUT", 6, local, remote, path, pid, 69001, "Allow outbound by default", 48,
           "FWPM_LAYER_ALE_AUTH_CONNECT_V4" if not v6 else "FWPM_LAYER_ALE_AUTH_CONNECT_V6", "DESKTOP\\ana")
        verdict = out[-1]
        sock("CREATE", "SINGLE", path, pid, 6, None, None, endpoint, fam)
        refused = rnd.random() < 0.08
        # half of the failed connects are blocked by a policy filter instead of refused by the peer (chosen by the
        # endpoint, not the random stream, so that every other event stays as it was)
        blocked = refused and (endpoint >> 5) % 2 == 1
        if blocked:
            verdict.update(kind="DROP", type="CLASSIFY_DROP", filter_id=71500, filter_name="Block " + name + " (policy)")
        if refused:
            sock("CONNECT", "COMPLETE", path, pid, 6, local, remote, endpoint, fam,
                 status=0xC0000022 if blocked else 0xC0000236,
                 sname="STATUS_ACCESS_DENIED" if blocked else "STATUS_CONNECTION_REFUSED")
            sock("CLOSE", "SINGLE", path, pid, 6, local, remote, endpoint, fam)
            flow.update(outcome="blocked" if blocked else "refused", filter_id=71500 if blocked else None)
            expected_flows.append(flow)
            continue
        sock("CONNECT", "COMPLETE", path, pid, 6, local, remote, endpoint, fam)
        for _ in range(rnd.randint(1, 4)):
            ms += rnd.randint(1, 40)
            n = rnd.choice([517, 1200, 2048, 4096])
            sock("SEND", "COMPLETE", path, pid, 6, local, remote, endpoint, fam, nbytes=n, buf=n)
            m = rnd.randint(300, 16384)
            sock("RECV", "COMPLETE", path, pid, 6, local, remote, endpoint, fam, nbytes=m, buf=65536, direction="IN")
            flow["out_bytes"] += n
            flow["in_bytes"] += m
        sock("CLOSE", "SINGLE", path, pid, 6, local, remote, endpoint, fam)
        flow.update(outcome="established", filter_id=None)
        expected_flows.append(flow)

for e in out:
    print(json.dumps(e, separators=(",", ":")))

expected = {"verdicts": expected_verdicts, "flows": expected_flows, "firewall_only_flows": len(firewall_only)}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples", "demo.expected.json"), "w") as f:
    json.dump(expected, f, indent=1)
    f.write("\n")
