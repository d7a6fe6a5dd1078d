package wstool.core.model;

/** Socket operations as reported by Winsock-AFD, Kernel-Network and the Linux trace backend. */
public enum SocketOp {
    CREATE, BIND, LISTEN, CONNECT, ACCEPT, SEND, RECV, SENDTO, RECVFROM, DISCONNECT, RETRANSMIT, RECONNECT,
    SHUTDOWN, CLOSE, CLEANUP, ABORT, DATAGRAM_DROP, OTHER;

    public boolean transfersData() {
        return this == SEND || this == RECV || this == SENDTO || this == RECVFROM || this == RETRANSMIT;
    }

    public boolean endsEndpoint() { return this == CLOSE || this == CLEANUP; }
}
