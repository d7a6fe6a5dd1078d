# Echo server for the ws_tool mock live tests: TCP and UDP echo on ADDR:PORT, run inside the test's namespace.
import socket, sys, threading

addr, port = sys.argv[1], int(sys.argv[2])

def tcp_client(c):
    with c:
        while True:
            try:
                d = c.recv(65536)
            except OSError:
                return
            if not d:
                return
            c.sendall(d)

def tcp():
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    s.listen(64)
    ready.set()
    while True:
        c, _ = s.accept()
        threading.Thread(target=tcp_client, args=(c,), daemon=True).start()

def udp():
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind((addr, port))
    udp_ready.set()
    while True:
        d, peer = u.recvfrom(65536)
        u.sendto(d, peer)

ready, udp_ready = threading.Event(), threading.Event()
threading.Thread(target=tcp, daemon=True).start()
threading.Thread(target=udp, daemon=True).start()
ready.wait(10)
udp_ready.wait(10)
print("READY", flush=True)
sys.stdin.read()   # runs until the test closes stdin (or kills it)
