package wstool.siem.syslog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real rsyslogd (Debian package rsyslog, + rsyslog-gnutls for TLS) run by the test as its child: own config, work
 * directory and pid file, listening on 127.0.0.1 only, writing every message it parsed to one file as
 * {@code VERSION|APP-NAME|HOSTNAME|MSGID|MSG}.
 */
final class Rsyslog implements AutoCloseable {
    static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");
    private final Path dir;
    private final Path conf;
    final Path out;
    final int tcpPort;
    final int udpPort;
    private Process process;

    /** Skips (loudly) only when rsyslogd is not installed; any other problem fails the test. */
    static void assumeInstalled(boolean tls) {
        Assumptions.assumeTrue(Files.isExecutable(RSYSLOGD),
                "SKIPPED: rsyslogd is not installed (scripts/install-test-deps.sh installs rsyslog and rsyslog-gnutls)");
        if (tls) {
            Assumptions.assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so"))
                            || Files.exists(Path.of("/usr/lib/rsyslog/lmnsd_gtls.so")),
                    "SKIPPED: rsyslog's TLS driver (package rsyslog-gnutls) is not installed");
        }
    }

    /** @param tls certificate, key and CA for gtls, or null for plain TCP + UDP */
    Rsyslog(Path dir, TestCa.ServerCert tls) throws IOException {
        this.dir = dir;
        this.out = dir.resolve("received.log");
        this.tcpPort = freePort();
        this.udpPort = freePort();
        Path work = Files.createDirectories(dir.resolve("work"));
        String global = "global(workDirectory=\"" + work + "\" maxMessageSize=\"64k\""
                + (tls == null ? "" : " defaultNetstreamDriverCAFile=\"" + tls.ca() + "\" defaultNetstreamDriverCertFile=\""
                + tls.cert() + "\" defaultNetstreamDriverKeyFile=\"" + tls.key() + "\"") + ")\n";
        String tcp = tls == null
                ? "module(load=\"imtcp\")\n"
                : "module(load=\"imtcp\" streamDriver.name=\"gtls\" streamDriver.mode=\"1\" streamDriver.authMode=\"anon\")\n";
        String conf = global
                + "main_queue(queue.type=\"Direct\")\n"
                + tcp
                + "input(type=\"imtcp\" port=\"" + tcpPort + "\" address=\"127.0.0.1\")\n"
                + (tls == null ? "module(load=\"imudp\")\ninput(type=\"imudp\" port=\"" + udpPort
                        + "\" address=\"127.0.0.1\" rcvbufSize=\"8m\")\n" : "")
                + "template(name=\"line\" type=\"string\" string=\"%protocol-version%|%app-name%|%hostname%|%msgid%|%msg%\\n\")\n"
                + "action(type=\"omfile\" file=\"" + out + "\" template=\"line\" flushOnTXEnd=\"on\" asyncWriting=\"off\")\n";
        this.conf = Files.writeString(dir.resolve("rsyslog.conf"), conf);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts rsyslogd and returns once its TCP input accepts connections (at most 20 s). */
    void start() throws IOException, InterruptedException {
        Path log = dir.resolve("rsyslogd.stderr");
        process = new ProcessBuilder(List.of(RSYSLOGD.toString(), "-n", "-f", conf.toString(), "-i",
                dir.resolve("rsyslogd.pid").toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("rsyslogd exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", tcpPort), 200);
                return;
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        throw new IllegalStateException("rsyslogd did not listen on " + tcpPort + " within 20 s: " + Files.readString(log));
    }

    /** SIGKILL: no chance to flush or say goodbye, as a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** The received lines, once there are at least {@code n} of them that {@code counts} (at most {@code wait}). */
    List<String> awaitLines(java.util.function.Predicate<List<String>> done, Duration wait) throws IOException, InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        List<String> lines = List.of();
        while (System.nanoTime() < end) {
            lines = Files.exists(out) ? Files.readAllLines(out, StandardCharsets.UTF_8) : List.of();
            if (done.test(lines)) return lines;
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return lines;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
