#!/usr/bin/env python3
"""Independent cross-check of the .etl known answers used in EtlReaderTest (written separately from the Java reader).

Walks buffers (BufferSize at +0, filled Offset at +48), records by marker, and prints EVENT_HEADER counts per
provider/id plus selected events' raw fields, so the test's expected values do not come from the code under test.
"""
import struct, sys, uuid, collections, datetime

d = open(sys.argv[1], 'rb').read()
counts = collections.Counter()
events = []
off = 0
while off < len(d):
    bsize, = struct.unpack_from('<I', d, off)
    filled, = struct.unpack_from('<I', d, off + 48)
    p = off + 72
    while p + 4 <= off + filled:
        size, htype, flags = struct.unpack_from('<HBB', d, p)
        if htype in (0x12, 0x13) and flags & 0xC0 == 0xC0:
            tid, pid, ts = struct.unpack_from('<IIq', d, p + 8)
            prov = uuid.UUID(bytes_le=d[p + 24:p + 40])
            eid, ver, ch, lvl, op, task, kw = struct.unpack_from('<HBBBBHQ', d, p + 40)
            counts[(str(prov), eid)] += 1
            events.append((p, eid, ts, d[p + 80:p + size]))
        elif htype in (1, 2, 3, 4, 0x10, 0x11):
            size, = struct.unpack_from('<H', d, p + 4)
        p += (size + 7) & ~7
    off += bsize
print(sum(counts.values()), sorted(counts.items()))
# header facts
h = 72 + 32
qpc0, = struct.unpack_from('<q', d, 72 + 16)
freq, start = struct.unpack_from('<qq', d, h + 256)
print('freq', freq, 'start', start, 'qpc0', qpc0)
for i in (0, 1, 100, 8922):
    p, eid, ts, pl = events[i]
    pid, size = struct.unpack_from('<II', pl, 0)
    t = start + (ts - qpc0) * 10**7 // freq
    when = datetime.datetime(1601, 1, 1) + datetime.timedelta(microseconds=t // 10)
    print(i, hex(p), eid, 'pid', pid, 'size', size, 'ts', ts, when, pl.hex())
