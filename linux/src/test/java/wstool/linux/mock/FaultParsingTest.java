package wstool.linux.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultParsingTest {
    @Test
    void amountsAreParsedIntoNumbers() {
        Fault d = Fault.parse(FaultKind.DELAY, "200ms±50ms,10.0.0.2:443,tcp");
        assertEquals(200, d.amount());
        assertEquals(50, d.jitter());
        assertEquals("10.0.0.2", d.scope().addresses().get(0).getHostAddress());
        assertEquals(443, d.scope().port());
        assertEquals("tcp", d.scope().protocol());
        assertEquals(1500, Fault.parse(FaultKind.DELAY, "1500ms").amount());
        assertEquals(2000, Fault.parse(FaultKind.DELAY, "2s~100ms").amount());
        assertEquals(1050, Fault.parse(FaultKind.LOSS, "10.5%").amount());
        assertEquals(5000, Fault.parse(FaultKind.LOSS, "50").amount());
        assertEquals(64_000, Fault.parse(FaultKind.RATE, "64kbit").amount());
        assertEquals(800_000, Fault.parse(FaultKind.RATE, "100kbps").amount());
        assertEquals(10_240, Fault.parse(FaultKind.RESET_AFTER, "10KB").amount());
        assertEquals(1 << 20, Fault.parse(FaultKind.RESET_AFTER, "1mb").amount());
    }

    @Test
    void scopesTakeCidrsPortsBracketsAndLimits() {
        FaultScope s = FaultScope.parse("10.1.2.3/16,udp,first=3");
        assertEquals("10.1.0.0", s.addresses().get(0).getHostAddress());
        assertEquals(16, s.prefix());
        assertEquals(3, s.first());
        FaultScope v6 = FaultScope.parse("[2001:db8::1]:53,p=25%");
        assertEquals(53, v6.port());
        assertEquals(25, v6.percent());
        assertEquals(1, v6.v6().size());
        assertEquals(8080, FaultScope.parse(":8080").port());
        assertEquals(FaultScope.ALL, FaultScope.parse(null));
        assertEquals(List.of(), FaultScope.parse("tcp").withDefaultHost(List.of()).addresses());
        assertEquals("10.9.9.9", FaultScope.parse("tcp").withDefaultHost(FaultScope.resolve("10.9.9.9")).addresses().get(0).getHostAddress());
    }

    @Test
    void badValuesAreRefusedNamingTheOption() {
        for (String[] bad : new String[][] {{"DELAY", "fast"}, {"DELAY", "10ms±20ms"}, {"LOSS", "150%"}, {"RATE", "10"},
                {"RESET_AFTER", "10KB,udp"}, {"REFUSE", "10.0.0.1;flush ruleset"}, {"REFUSE", "10.0.0.1/33"},
                {"REFUSE", "first=2,p=5"}, {"REFUSE", "10.0.0.1:0"}, {"REFUSE", "a b"}, {"LOSS", "5%,p=5"},
                {"BLACKHOLE", "10.0.0.1,10.0.0.2"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Fault.parse(FaultKind.valueOf(bad[0]), bad[1]), bad[1]);
            assertTrue(e.getMessage().startsWith(FaultKind.valueOf(bad[0]).option() + " "), e.getMessage());
        }
    }

    @Test
    void rulesMatchTheCgroupAndCarryTheFaultsCounterComment() {
        List<Fault> faults = List.of(Fault.parse(FaultKind.REFUSE, "10.0.0.2:443"),
                Fault.parse(FaultKind.RESET_AFTER, "10KB,2001:db8::/32,first=2"),
                Fault.parse(FaultKind.LOSS, "12.5%,udp"),
                Fault.parse(FaultKind.UNREACHABLE, "10.0.0.0/8,p=30%"));
        String r = MockRuleset.ruleset("ws_tool_mock_42", "unified/ws_tool/mock_42", 2, faults,
                List.of(0L, 0L, 0x5700_0422L, 0L), List.of());
        String sel = "    socket cgroupv2 level 2 \"unified/ws_tool/mock_42\" ";
        assertTrue(r.contains(sel + "ip daddr 10.0.0.2 meta l4proto tcp tcp dport 443 counter reject with tcp reset comment \"f0\"\n"), r);
        assertTrue(r.contains(sel + "ip daddr 10.0.0.2 meta l4proto udp udp dport 443 counter reject with icmpx type port-unreachable comment \"f0\"\n"), r);
        assertTrue(r.contains("  set f1_first { typeof ct id; size 2; flags dynamic; }\n"), r);
        assertTrue(r.contains(sel + "ip6 daddr 2001:db8:0:0:0:0:0:0/32 meta l4proto tcp add @f1_first { ct id } ct state established"
                + " add @f1_bytes { ct id quota over 10240 bytes } counter reject with tcp reset comment \"f1\"\n"), r);
        assertTrue(r.contains(sel + "meta l4proto udp meta mark set 0x57000422\n"), r);
        assertTrue(r.contains(sel + "ip daddr 10.0.0.0/8 numgen random mod 100 < 30 counter reject with icmpx type host-unreachable comment \"f3\"\n"), r);
        assertTrue(r.startsWith("table inet ws_tool_mock_42 {}\ndelete table inet ws_tool_mock_42\n"), r);
        String e = MockRuleset.egressRuleset("ws_tool_mock_42", List.of("eth0"), faults, List.of(0L, 0L, 0x5700_0422L, 0L));
        assertTrue(e.contains("type filter hook egress device \"eth0\" priority 0; policy accept;\n"
                + "    meta mark 0x57000422 numgen random mod 10000 < 1250 counter drop comment \"f2\"\n"), e);
        assertThrows(IllegalArgumentException.class, () -> MockRuleset.ruleset("t", "a\"; flush ruleset", 1, faults,
                List.of(0L, 0L, 1L, 0L), List.of()));
    }

    @Test
    void countersAreSummedPerFault() {
        String listing = String.join("\n",
                "\t\tsocket cgroupv2 level 2 \"x\" meta l4proto tcp counter packets 3 bytes 180 reject with tcp reset comment \"f0\"",
                "\t\tsocket cgroupv2 level 2 \"x\" meta l4proto != tcp counter packets 2 bytes 84 reject with icmpx type port-unreachable comment \"f0\"",
                "\t\tmeta mark 0x57000001 numgen random mod 10000 < 5000 counter packets 7 bytes 300 drop comment \"f1\"");
        assertEquals(Map.of(0, 5L, 1, 7L, 2, 0L), FaultCounters.packets(listing, 3));
    }

    @Test
    void theTcTreeClassifiesByMarkWithClassicBpf() {
        List<Fault> faults = List.of(Fault.parse(FaultKind.REFUSE, null), Fault.parse(FaultKind.RATE, "64kbit"));
        List<List<String>> cmds = TcShaper.commands("veth0", faults, List.of(0L, 0x5700_0011L));
        assertEquals(List.of("tc", "qdisc", "replace", "dev", "veth0", "root", "handle", "7773:", "htb", "default", "0"), cmds.get(0));
        assertEquals(List.of("tc", "class", "add", "dev", "veth0", "parent", "7773:", "classid", "7773:2", "htb", "rate",
                "64000bit", "ceil", "64000bit"), cmds.get(1));
        assertEquals("4,32 0 0 4294963220,21 0 1 1459617809,6 0 0 4294967295,6 0 0 0", cmds.get(2).get(cmds.get(2).indexOf("bytecode") + 1));
        assertEquals(3, cmds.size());
    }
}
