package wstool.siem.syslog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import wstool.core.model.NetEvent;
import wstool.core.pipeline.EventSink;
import wstool.siem.ecs.EcsContext;
import wstool.siem.ecs.EcsMapper;
import wstool.siem.ecs.EcsSink;

/**
 * {@code --syslog URL}: every event as an RFC 5424 message (MSG = the ECS JSON, or CEF) to each collector, through
 * a {@link Delivery} per collector that never blocks the pipeline and spools to the data dir while a collector is
 * down. Messages longer than {@link #MAX_MESSAGE_BYTES} are cut to it (and counted): rsyslog's default
 * maxMessageSize is 8 KiB, and 8 KiB fits a UDP datagram on any path that reassembles fragments.
 */
public final class SyslogForwarder implements EventSink {
    public static final int MAX_MESSAGE_BYTES = 8192;
    private static final long CLOSE_WAIT_MS = 10_000;

    public enum Format { ECS, CEF }

    private final List<Delivery> deliveries = new ArrayList<>();
    private final Format format;
    private final EcsMapper ecs;
    private final String version;
    private final String procId = Long.toString(ProcessHandle.current().pid());
    private final int maxBytes;

    /**
     * Opens the spools and connects to each collector once.
     *
     * @param tls trust for tls:// URLs
     * @param spoolDir where the spool files live (the data dir's {@code spool/})
     * @throws IOException a spool that cannot be opened, or a collector whose TLS certificate is refused (naming it)
     */
    SyslogForwarder(List<SyslogUrl> urls, Format format, SSLContext tls, Path spoolDir, EcsContext context,
                    Delivery.Limits limits, int maxBytes) throws IOException {
        this.format = format;
        this.ecs = new EcsMapper(context);
        this.version = context.agentVersion();
        this.maxBytes = maxBytes;
        try {
            for (SyslogUrl u : urls) {
                Spool spool = new Spool(spoolDir.resolve(spoolName(u)), limits.spoolBytes());
                Delivery d = new Delivery(u, tls, spool, limits);
                deliveries.add(d);
                d.connectFirst();
            }
        } catch (IOException e) {
            for (Delivery d : deliveries) d.spool().close();
            throw e;
        }
        deliveries.forEach(Delivery::start);
    }

    public SyslogForwarder(List<SyslogUrl> urls, Format format, SSLContext tls, Path spoolDir, EcsContext context)
            throws IOException {
        this(urls, format, tls, spoolDir, context, Delivery.Limits.DEFAULT, MAX_MESSAGE_BYTES);
    }

    static String spoolName(SyslogUrl u) {
        return ("syslog-" + u.transport() + "-" + u.host() + "-" + u.port()).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9.-]", "_") + ".spool";
    }

    @Override
    public void accept(NetEvent e) {
        String msg = format == Format.CEF ? Cef.of(e, version) : EcsSink.line(ecs, e);
        Rfc5424.Message m = Rfc5424.message(e, procId, msg, maxBytes);
        for (Delivery d : deliveries) {
            if (m.cut()) d.stats.truncated++;
            d.offer(m.bytes());
        }
    }

    @Override
    public void flush() { }

    /** Sends what is waiting (up to 10 s per collector), keeps the rest in the spool for the next run. */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Delivery d : deliveries) {
            try {
                d.close(CLOSE_WAIT_MS);
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }

    /** One line per collector for the summary: sent, resent, spooled, lost, left for the next run, last problem. */
    public List<String> summary() {
        List<String> out = new ArrayList<>();
        for (Delivery d : deliveries) {
            SyslogStats s = d.stats;
            String line = String.format("syslog %s: %,d sent, %,d sent again after %,d reconnects, %,d through the spool, "
                    + "%,d lost (memory queue and spool full), %,d cut to %,d bytes",
                    d.url(), s.sent(), s.resent(), s.reconnects(), s.spooled(), s.lost(), s.truncated(), maxBytes);
            if (s.leftInSpool() > 0) line += String.format("; %,d bytes left in %s for the next run", s.leftInSpool(), d.spool().file());
            if (s.lastError() != null && (s.lost() > 0 || s.leftInSpool() > 0)) line += "; last problem: " + s.lastError();
            out.add(line);
        }
        return out;
    }

    /** Messages lost so far over all collectors (for the view's header). */
    public long lost() { return deliveries.stream().mapToLong(d -> d.stats.lost()).sum(); }

    public List<SyslogStats> stats() { return deliveries.stream().map(d -> d.stats).toList(); }
}
