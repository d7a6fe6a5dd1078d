package wstool.linux.nflog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NftRuleInstallerTest {
    @Test
    void acceptsSelectors() {
        assertEquals("tcp dport 22", NftRuleInstaller.validateMatch(" tcp dport 22 "));
        for (String ok : List.of("ip saddr 10.0.0.0/8 udp dport { 53, 123 }", "ip6 daddr != fd00::/8 tcp flags syn",
                "iifname eth0 tcp dport 1000-2000")) {
            assertEquals(ok, NftRuleInstaller.validateMatch(ok), "accepted unchanged");
            // and it reaches the generated chains exactly as given, in front of the log statement
            assertTrue(new NftRuleInstaller(List.of("nft"), 5, ok).ruleset().contains("policy accept; " + ok + " log prefix "), ok);
        }
    }

    @Test
    void refusesInjection() {
        for (String bad : List.of("tcp dport 22; flush ruleset", "tcp dport 22\nflush ruleset", "tcp dport 22 } chain x {",
                "tcp dport 22 accept", "meta mark set 1", "tcp dport 22 jump x", "\"quoted\"", "tcp dport { 22",
                "tcp dport 22 # comment", "", "x".repeat(201), "include foo", "tcp dport 22 drop")) {
            assertThrows(IllegalArgumentException.class, () -> NftRuleInstaller.validateMatch(bad), bad);
        }
    }

    @Test
    void rulesetCreatesThisInstancesTableAndLogsBothSides() {
        NftRuleInstaller i = new NftRuleInstaller(List.of("nft"), 77, "tcp dport 22", 4242, pid -> true);
        assertEquals("ws_tool_4242", i.table());
        String r = i.ruleset();
        assertTrue(r.startsWith("table inet ws_tool_4242 {}\ndelete table inet ws_tool_4242\ntable inet ws_tool_4242 {\n"), r);
        assertTrue(r.contains("  chain seen_input { type filter hook input priority -199; policy accept;"
                + " tcp dport 22 log prefix \"ws_tool:seen\" group 77; }\n"), r);
        assertTrue(r.contains("  chain passed_output { type filter hook output priority 2000000000; policy accept;"
                + " tcp dport 22 log prefix \"ws_tool:passed\" group 77; }\n"), r);
        assertEquals(6, r.split("chain ").length - 1);
        assertTrue(new NftRuleInstaller(List.of("nft"), 1, null).ruleset().contains("ct state { new, invalid, untracked } log"));
        assertEquals("ws_tool_" + ProcessHandle.current().pid(), new NftRuleInstaller(List.of("nft"), 1, null).table());
    }

    @Test
    void suggestionIsTheLogOnlyTableWithoutVerdicts() {
        String s = NftRuleInstaller.suggestion(100);
        assertTrue(s.contains("nft -f - <<'EOF'\ntable inet ws_tool_manual {\n"), s);
        assertTrue(s.contains("log prefix \"ws_tool:seen\" group 100; }"), s);
        assertTrue(s.contains("nft delete table inet ws_tool_manual"), s);
        assertEquals(6, s.split("log prefix").length - 1, s);
        for (String verdict : List.of("drop", "reject", "DROP", "jump", "goto", "queue")) {
            assertTrue(!java.util.regex.Pattern.compile("\\b" + verdict + "\\b").matcher(s).find(),
                    "the hint must not carry a verdict (" + verdict + "): " + s);
        }
        assertTrue(s.endsWith("}\nEOF"), s);
    }
}
