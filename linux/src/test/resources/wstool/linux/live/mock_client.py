# Test client for the ws_tool mock live tests; prints one result line. Every wait is bounded.
#   connect HOST PORT TIMEOUT   -> OK | TIMEOUT | <errno name>
#   rtt HOST PORT N             -> RTT <median ms>
#   udp HOST PORT N             -> UDP <sent> <echoes received>
#   stream HOST PORT LIMIT      -> STREAM <bytes sent and echoed> <OK | errno name>
# A 5th argument names a file the result line is also written to (when stdout is not the caller's).
import builtins, errno, socket, statistics, sys, time

mode, host, port, arg = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]

def print(line):
    builtins.print(line, flush=True)
    if len(sys.argv) > 5:
        with open(sys.argv[5], "w") as f:
            f.write(line + "\n")

def name(e):
    return errno.errorcode.get(e.errno, str(e.errno)) if e.errno else type(e).__name__

if mode == "connect":
    s = socket.socket()
    s.settimeout(float(arg))
    try:
        s.connect((host, port))
        print("OK")
    except socket.timeout:
        print("TIMEOUT")
    except OSError as e:
        print(name(e))
elif mode == "rtt":
    s = socket.create_connection((host, port), timeout=20)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    times = []
    for _ in range(int(arg)):
        t = time.monotonic()
        s.sendall(b"p")
        if s.recv(1) != b"p":
            raise SystemExit("bad echo")
        times.append((time.monotonic() - t) * 1000)
    print("RTT %.1f" % statistics.median(times))
elif mode == "udp":
    n = int(arg)
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.connect((host, port))
    got = set()
    u.setblocking(False)
    for i in range(n):
        u.send(b"%d" % i)
        time.sleep(0.002)
        try:   # read the echoes as they come: 400 queued ones would overflow the receive buffer
            while True:
                got.add(u.recv(100))
        except BlockingIOError:
            pass
    u.setblocking(True)
    u.settimeout(1.0)
    try:
        while len(got) < n:
            got.add(u.recv(100))
    except socket.timeout:
        pass
    print("UDP %d %d" % (n, len(got)))
elif mode == "stream":
    limit = int(arg)
    s = socket.create_connection((host, port), timeout=10)
    chunk, done = b"x" * 1024, 0
    try:
        while done < limit:
            s.sendall(chunk)
            got = 0
            while got < len(chunk):
                d = s.recv(len(chunk) - got)
                if not d:
                    raise ConnectionResetError(errno.ECONNRESET, "closed")
                got += len(d)
            done += len(chunk)
        print("STREAM %d OK" % done)
    except OSError as e:
        print("STREAM %d %s" % (done, name(e)))
