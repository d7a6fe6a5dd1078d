package wstool.linux.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wstool.core.model.Direction;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.NetEvent;
import wstool.core.model.Source;
import wstool.linux.nflog.NflogOptions;
import wstool.linux.nflog.NflogSource;
import wstool.linux.nflog.NftRuleInstaller;

/** A real kernel drops real packets between two namespaces; the NFLOG source must report each one correctly. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NflogLiveTest {
    private static final int GROUP = 213;

    @Test
    void reportsDroppedTcpAndUdpInsideNamespace() throws Exception {
        LiveAssumptions.requireRootAndTools("ip", "nft");
        try (NetnsPair ns = new NetnsPair("nf")) {
            ns.nftInServer("table inet wst_test {\n chain input {\n  type filter hook input priority 0; policy accept;\n"
                    + "  tcp dport 7001 log prefix \"wst drop tcp\" group " + GROUP + " drop\n"
                    + "  udp dport 7002 log prefix \"wst reject udp\" group " + GROUP + " drop\n"
                    + "  udp dport 7003 log prefix \"wst seen\" group " + GROUP + " accept\n }\n}\n");
            List<NetEvent> events = new CopyOnWriteArrayList<>();
            NflogSource source = new NflogSource(NflogOptions.defaults(GROUP).withNetns(ns.serverPath()));
            Thread t = new Thread(() -> {
                try {
                    source.run(events::add);
                } catch (Exception e) {
                    events.add(null);
                    e.printStackTrace();
                }
            }, "nflog-live");
            t.start();
            try {
                awaitReady(source, events);
                int[] localPorts = ns.inClient(() -> {
                    int[] ports = new int[2];
                    try (Socket s = new Socket()) {
                        s.bind(new InetSocketAddress(ns.clientAddress, 0));
                        ports[0] = s.getLocalPort();
                        try {
                            s.connect(new InetSocketAddress(ns.serverAddress, 7001), 300);
                        } catch (java.io.IOException expected) {
                            // dropped: the connect times out
                        }
                    }
                    try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(ns.clientAddress, 0))) {
                        ports[1] = d.getLocalPort();
                        d.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, new InetSocketAddress(ns.serverAddress, 7002)));
                        d.send(new DatagramPacket(new byte[] {4}, 1, new InetSocketAddress(ns.serverAddress, 7003)));
                    }
                    return ports;
                });
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (System.nanoTime() < until && (count(events, 7001) < 1 || count(events, 7002) < 1 || count(events, 7003) < 1)) {
                    Thread.sleep(50);
                }
                FirewallEvent tcp = first(events, 7001);
                assertNotNull(tcp, "no NFLOG event for the dropped TCP SYN; events: " + events);
                assertEquals(FirewallEventType.CLASSIFY_DROP, tcp.type());
                assertEquals(Direction.IN, tcp.direction());
                assertEquals(Source.NFLOG, tcp.header().source());
                assertEquals(6, tcp.header().ipProtocol());
                assertEquals(ns.clientAddress, tcp.header().remote().address());
                assertEquals(localPorts[0], tcp.header().remote().port());
                assertEquals(ns.serverAddress, tcp.header().local().address());
                assertEquals("wst drop tcp", tcp.rule());
                assertEquals("INPUT", tcp.layerName());
                assertEquals("SYN", tcp.header().raw().get("tcpFlags"));
                assertTrue(tcp.header().raw().get("in").startsWith("ws"), tcp.header().raw().toString());

                FirewallEvent udp = first(events, 7002);
                assertNotNull(udp, "no NFLOG event for the dropped UDP datagram");
                assertEquals(FirewallEventType.CLASSIFY_DROP, udp.type());
                assertEquals(17, udp.header().ipProtocol());
                assertEquals(localPorts[1], udp.header().remote().port());
                assertEquals("31", udp.header().raw().get("length")); // 20 IP + 8 UDP + 3 payload

                FirewallEvent seen = first(events, 7003);
                assertNotNull(seen, "no NFLOG event for the logged-and-accepted datagram");
                assertEquals(FirewallEventType.LOGGED, seen.type());
                assertEquals(0, source.lostAtSource());
            } finally {
                source.stop();
                t.join(5000);
            }
            assertTrue(!t.isAlive(), "NFLOG source did not stop within 5 s");
            assertTrue(!events.contains(null), "source failed (see stack trace above)");
        }
    }

    @Test
    void installedRulesReportWhatTheExistingRulesetDropsAndAreRemoved() throws Exception {
        LiveAssumptions.requireRootAndTools("ip", "nft");
        try (NetnsPair ns = new NetnsPair("ir")) {
            // the "existing" ruleset: drops port 7001 silently, no logging of its own
            ns.nftInServer("table inet filter {\n chain input {\n  type filter hook input priority 0; policy accept;\n"
                    + "  tcp dport 7001 drop\n }\n}\n");
            List<String> nft = List.of("ip", "netns", "exec", ns.server, "nft");
            List<NetEvent> events = new CopyOnWriteArrayList<>();
            NflogSource source = new NflogSource(NflogOptions.defaults(GROUP).withNetns(ns.serverPath()))
                    .correlateInstalledRules(false);
            Thread t = new Thread(() -> {
                try {
                    source.run(events::add);
                } catch (Exception e) {
                    events.add(null);
                    e.printStackTrace();
                }
            }, "nflog-live-ir");
            try (NftRuleInstaller rules = new NftRuleInstaller(nft, GROUP, null)) {
                rules.install();
                assertTrue(Cmd.must(null, "ip", "netns", "exec", ns.server, "nft", "list", "tables").contains("inet " + rules.table()));
                t.start();
                awaitReady(source, events);
                int[] ports = ns.inClient(() -> {
                    int[] p = new int[3];
                    for (int i = 0; i < 3; i++) {
                        try (Socket s = new Socket()) {
                            s.bind(new InetSocketAddress(ns.clientAddress, 0));
                            p[i] = s.getLocalPort();
                            s.connect(new InetSocketAddress(ns.serverAddress, i == 1 ? 7005 : 7001), 300);
                        } catch (java.io.IOException expected) {
                            // 7001: dropped (timeout); 7005: allowed, refused with RST
                        }
                    }
                    return p;
                });
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                // verdicts are decided in arrival order: once the second 7001 drop (sent after 7005) is out, a wrong
                // drop for 7005 would be out too
                while (System.nanoTime() < until && count(events, 7001) < 2) Thread.sleep(20);
                assertEquals(2, count(events, 7001), "both silent drops of port 7001 reported: " + events);
                FirewallEvent drop = first(events, 7001);
                assertNotNull(drop, "the silent drop of port 7001 was not reported; events: " + events);
                assertEquals(FirewallEventType.CLASSIFY_DROP, drop.type());
                assertEquals(ns.clientAddress, drop.header().remote().address());
                assertEquals(ports[0], drop.header().remote().port());
                assertEquals(Direction.IN, drop.direction());
                assertEquals("ws_tool: dropped by the ruleset", drop.rule());
                assertEquals(0, count(events, 7005), "port 7005 passed the ruleset but was reported: " + events);
            } finally {
                source.stop();
                t.join(5000);
            }
            assertTrue(!Cmd.must(null, "ip", "netns", "exec", ns.server, "nft", "list", "tables").contains("ws_tool"),
                    "the instance's table was not removed");
            assertTrue(!events.contains(null), "source failed (see stack trace above)");
        }
    }

    private static void awaitReady(NflogSource source, List<NetEvent> events) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!source.ready() && !events.contains(null) && System.nanoTime() < until) Thread.sleep(10);
        assertTrue(source.ready(), "the NFLOG group was not bound within 10 s (see any stack trace above)");
    }

    private static long count(List<NetEvent> events, int port) {
        return events.stream().filter(e -> e instanceof FirewallEvent f && f.header().local().port() == port).count();
    }

    private static FirewallEvent first(List<NetEvent> events, int port) {
        for (NetEvent e : events) {
            if (e instanceof FirewallEvent f && f.header().local().port() == port) return f;
        }
        return null;
    }
}
