package wstool.siem.syslog;

/** What one collector's delivery did; written by its thread, read for the summary and the view's header. */
public final class SyslogStats {
    volatile long sent;
    volatile long spooled;
    volatile long lost;
    volatile long resent;
    volatile long reconnects;
    volatile long truncated;
    volatile long leftInSpool;
    volatile String lastError;

    public long sent() { return sent; }
    /** Messages that went through the spool file (collector down or memory queue full). */
    public long spooled() { return spooled; }
    /** Messages that could not be kept: memory queue and spool both full. */
    public long lost() { return lost; }
    /** Messages sent again after a reconnect (the collector may hold them twice). */
    public long resent() { return resent; }
    public long reconnects() { return reconnects; }
    /** Messages cut to the size limit. */
    public long truncated() { return truncated; }
    /** Bytes still in the spool file at the end, sent by the next run. */
    public long leftInSpool() { return leftInSpool; }
    public String lastError() { return lastError; }
}
