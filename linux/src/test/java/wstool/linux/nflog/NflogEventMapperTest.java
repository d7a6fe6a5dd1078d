package wstool.linux.nflog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import wstool.core.model.Direction;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.Source;
import wstool.core.net.Addresses;

class NflogEventMapperTest {
    private final NflogEventMapper mapper = new NflogEventMapper(i -> i == 3 ? "veth0" : null, u -> u == 0 ? "root" : null);
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private static NflogPacket packet(int hook, int in, int out, String prefix, long uid, byte[] payload) {
        return new NflogPacket(Nflog.AF_INET, 100, 0x0800, hook, 0, null, in, out, prefix, uid, -1, 5, payload);
    }

    @Test
    void inputDropHasSourceAsRemote() {
        byte[] pl = NflogMessageBuilder.ipv4(6, "10.213.1.2", "10.213.1.1", NflogMessageBuilder.tcp(40000, 22, 2));
        FirewallEvent e = mapper.map(packet(Nflog.NF_INET_LOCAL_IN, 3, 0, "ws_tool drop", -1, pl), NOW);
        assertEquals(FirewallEventType.CLASSIFY_DROP, e.type());
        assertEquals(Direction.IN, e.direction());
        assertEquals(Source.NFLOG, e.header().source());
        assertEquals(Addresses.parse("10.213.1.2"), e.header().remote().address());
        assertEquals(40000, e.header().remote().port());
        assertEquals(22, e.header().local().port());
        assertEquals(6, e.header().ipProtocol());
        assertEquals("ws_tool drop", e.rule());
        assertEquals("INPUT", e.layerName());
        assertEquals(1, e.layerId());
        assertEquals(NOW, e.header().timestamp());
        assertEquals("veth0", e.header().raw().get("in"));
        assertEquals("SYN", e.header().raw().get("tcpFlags"));
        assertEquals("5", e.header().raw().get("seq"));
        assertNull(e.header().user());
    }

    @Test
    void outputAcceptHasDestinationAsRemoteAndUser() {
        byte[] pl = NflogMessageBuilder.ipv4(17, "10.213.1.1", "10.213.2.9", NflogMessageBuilder.udp(5000, 53, 0));
        FirewallEvent e = mapper.map(packet(Nflog.NF_INET_LOCAL_OUT, 0, 4, "allowed dns", 0, pl), NOW);
        assertEquals(FirewallEventType.CLASSIFY_ALLOW, e.type());
        assertEquals(Direction.OUT, e.direction());
        assertEquals(Addresses.parse("10.213.2.9"), e.header().remote().address());
        assertEquals(53, e.header().remote().port());
        assertEquals("root", e.header().user());
        assertEquals("4", e.header().raw().get("out")); // unknown index stays numeric
    }

    @Test
    void forwardedPacketRemoteIsThePublicParty() {
        byte[] pl = NflogMessageBuilder.ipv4(6, "192.0.2.7", "192.168.1.5", NflogMessageBuilder.tcp(1234, 80, 2));
        FirewallEvent e = mapper.map(packet(Nflog.NF_INET_FORWARD, 3, 4, "REJECT fwd", -1, pl), NOW);
        assertEquals(Direction.IN, e.direction());
        assertEquals(Addresses.parse("192.0.2.7"), e.header().remote().address());
        byte[] out = NflogMessageBuilder.ipv4(6, "192.168.1.5", "192.0.2.7", NflogMessageBuilder.tcp(80, 1234, 2));
        assertEquals(Direction.OUT, mapper.map(packet(Nflog.NF_INET_FORWARD, 3, 4, "", -1, out), NOW).direction());
        byte[] both = NflogMessageBuilder.ipv4(6, "10.0.0.1", "10.0.0.2", NflogMessageBuilder.tcp(80, 1234, 2));
        FirewallEvent u = mapper.map(packet(Nflog.NF_INET_FORWARD, 3, 4, "", -1, both), NOW);
        assertEquals(Direction.UNKNOWN, u.direction());
        assertEquals(FirewallEventType.LOGGED, u.type());
    }

    @Test
    void prefixVerdicts() {
        assertEquals(FirewallEventType.CLASSIFY_DROP, NflogEventMapper.typeFromPrefix("[UFW BLOCK] "));
        assertEquals(FirewallEventType.CLASSIFY_DROP, NflogEventMapper.typeFromPrefix("IPTables-Dropped: "));
        assertEquals(FirewallEventType.CLASSIFY_DROP, NflogEventMapper.typeFromPrefix("reject-in"));
        assertEquals(FirewallEventType.CLASSIFY_ALLOW, NflogEventMapper.typeFromPrefix("[UFW ALLOW] "));
        assertEquals(FirewallEventType.CLASSIFY_ALLOW, NflogEventMapper.typeFromPrefix("ACCEPT ssh"));
        assertEquals(FirewallEventType.LOGGED, NflogEventMapper.typeFromPrefix("new connection"));
        assertEquals(FirewallEventType.LOGGED, NflogEventMapper.typeFromPrefix(null));
    }

    @Test
    void sequenceGapsCountAsLost() {
        NflogSource s = new NflogSource(NflogOptions.defaults(1), i -> null, u -> null);
        s.accountSequence(10);
        s.accountSequence(11);
        s.accountSequence(15); // 12, 13, 14 lost
        s.accountSequence(16);
        assertEquals(3, s.lostAtSource());
        assertEquals(0, s.unresolvedOverruns());
    }
}
