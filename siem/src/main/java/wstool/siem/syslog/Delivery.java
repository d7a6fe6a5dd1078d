package wstool.siem.syslog;

import java.io.IOException;
import java.util.ArrayDeque;
import javax.net.ssl.SSLContext;

/**
 * Delivers messages to one collector from its own thread, so the pipeline never waits for the network:
 * {@link #offer} puts a message in a bounded memory queue, or, when that is full or messages are already spooled
 * (order is kept), appends it to a bounded spool file; only when the spool is full too is a message lost, and counted.
 * The sender reconnects with exponential backoff and sends the memory queue, then the spool, in order.
 * <p>
 * At-least-once over TCP/TLS: TCP tells the sender nothing about what the collector has stored, so after every
 * reconnect the most recently sent messages (up to {@link Limits#resendBytes}) are sent again; messages the collector
 * had received but not stored when it went down are covered by that, at the price of duplicates.
 */
final class Delivery implements Runnable {
    /** Sizes and times: memory queue, spool, resend window, backoff. */
    record Limits(int memoryMessages, long spoolBytes, long resendBytes, long minBackoffMs, long maxBackoffMs) {
        static final Limits DEFAULT = new Limits(10_000, 256L << 20, 8L << 20, 250, 30_000);
    }

    private final SyslogUrl url;
    private final SSLContext tls;
    private final Limits limits;
    private final Spool spool;
    private final Object lock = new Object();
    private final ArrayDeque<byte[]> memory = new ArrayDeque<>();
    private final ArrayDeque<byte[]> recent = new ArrayDeque<>();
    private long recentBytes;
    private boolean spooling;
    private boolean closing;
    private final Thread thread;
    final SyslogStats stats = new SyslogStats();
    private volatile Connection connection;

    Delivery(SyslogUrl url, SSLContext tls, Spool spool, Limits limits) {
        this.url = url;
        this.tls = tls;
        this.spool = spool;
        this.limits = limits;
        this.spooling = !spool.isEmpty();
        this.thread = new Thread(this, "ws_tool-syslog " + url);
        thread.setDaemon(true);
    }

    SyslogUrl url() { return url; }

    /**
     * Connects once now, so that a certificate problem is an error before the job starts.
     *
     * @throws Connection.CertificateProblem when the collector's certificate is refused
     * @return whether it connected (a collector that is down is not an error: messages wait in the spool)
     */
    boolean connectFirst() throws Connection.CertificateProblem {
        try {
            connection = Connection.open(url, tls);
            return true;
        } catch (Connection.CertificateProblem e) {
            throw e;
        } catch (IOException e) {
            stats.lastError = e.toString();
            return false;
        }
    }

    void start() { thread.start(); }

    /** Never blocks on the network; a spool append is a local file write. */
    void offer(byte[] message) {
        synchronized (lock) {
            if (!spooling && memory.size() < limits.memoryMessages()) {
                memory.add(message);
            } else {
                try {
                    if (spool.append(message)) {
                        spooling = true;
                        stats.spooled++;
                    } else {
                        stats.lost++;
                    }
                } catch (IOException e) {
                    stats.lost++;
                    stats.lastError = "spool " + spool.file() + ": " + e.getMessage();
                }
            }
            lock.notifyAll();
        }
    }

    @Override
    public void run() {
        long backoff = limits.minBackoffMs();
        while (true) {
            byte[] next;
            boolean fromSpool;
            synchronized (lock) {
                try {
                    while (memory.isEmpty() && !spooling) {
                        if (closing) return;
                        flushQuietly();
                        lock.wait();
                    }
                } catch (InterruptedException e) {
                    return;
                }
                fromSpool = memory.isEmpty();
                try {
                    next = fromSpool ? spool.peek() : memory.peek();
                } catch (IOException e) {
                    stats.lastError = "spool " + spool.file() + ": " + e.getMessage();
                    return;
                }
                if (next == null) {
                    spooling = false;
                    continue;
                }
            }
            try {
                Connection c = connection;
                if (c == null) {
                    c = Connection.open(url, tls);
                    connection = c;
                    stats.reconnects++;
                    resendRecent(c);
                }
                c.send(next);
                backoff = limits.minBackoffMs();
            } catch (IOException e) {
                stats.lastError = e.getMessage() == null ? e.toString() : e.getMessage();
                closeConnection();
                if (!pause(backoff)) return;
                backoff = Math.min(limits.maxBackoffMs(), backoff * 2);
                continue;
            }
            synchronized (lock) {
                try {
                    if (fromSpool) spool.take(next);
                    else memory.poll();
                } catch (IOException e) {
                    stats.lastError = "spool " + spool.file() + ": " + e.getMessage();
                    return;
                }
                stats.sent++;
                remember(next);
            }
        }
    }

    private void resendRecent(Connection c) throws IOException {
        byte[][] again;
        synchronized (lock) {
            again = recent.toArray(new byte[0][]);
        }
        for (byte[] m : again) c.send(m);
        stats.resent += again.length;
    }

    private void remember(byte[] m) {
        if (url.transport() == SyslogUrl.Transport.UDP || limits.resendBytes() <= 0) return;
        recent.add(m);
        recentBytes += m.length;
        while (recentBytes > limits.resendBytes()) recentBytes -= recent.poll().length;
    }

    /** Waits before reconnecting; false when closing meanwhile and nothing may wait any more. */
    private boolean pause(long ms) {
        synchronized (lock) {
            long end = System.nanoTime() + ms * 1_000_000;
            try {
                for (long left; (left = end - System.nanoTime()) > 0 && !giveUp; ) lock.wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                return false;
            }
            return !giveUp;
        }
    }

    private boolean giveUp;

    private void flushQuietly() {
        Connection c = connection;
        if (c == null) return;
        try {
            c.flush();
        } catch (IOException e) {
            stats.lastError = e.getMessage();
            closeConnection();
        }
    }

    private void closeConnection() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }

    /**
     * Sends what is waiting for up to {@code waitMs}, then stops; what is still waiting goes to the spool file for the
     * next run (nothing is lost while the spool has room).
     */
    void close(long waitMs) throws IOException {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        try {
            thread.join(waitMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            giveUp = true;
            lock.notifyAll();
        }
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            flushQuietly();
            closeConnection();
            // the memory queue is older than anything spooled: it goes in front (the spool bound is not applied
            // here: these messages were accepted already, and dropping them at shutdown would lose them silently)
            stats.spooled += memory.size();
            spool.prependAll(new java.util.ArrayList<>(memory));
            memory.clear();
            stats.leftInSpool = spool.pending();
            spool.close();
        }
    }

    Spool spool() { return spool; }
}
