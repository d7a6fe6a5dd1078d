package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.model.FirewallEvent;
import wstool.core.model.NetEvent;
import wstool.core.model.PidSource;
import wstool.core.net.CommunityId;
import wstool.core.sink.EventJson;
import wstool.linux.live.LiveAssumptions;
import wstool.linux.live.NetnsPair;

/**
 * {@code monitor --pid N --netns NS} live on Linux: a traced program in the client namespace makes one allowed
 * connection (1000 bytes out, 3000 back) and one that the client's nft output chain drops. Both SYNs are logged to
 * NFLOG by the test's own rules. The drop must carry the program's pid (correlated: NFLOG has none), the allowed
 * connection's flow its bytes both ways and the Community ID of the 5-tuple the program itself reports. Traffic only
 * between the test's two namespaces (10.219.0.0/16, blackholed in the root namespace meanwhile).
 */
class MonitorLinuxLiveTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void dropCarriesTheProgramsPidAndTheFlowItsBytesAndCommunityId() throws Exception {
        LiveAssumptions.requireRootAndTools("ip", "nft", "bpftrace", "python3");
        try (NetnsPair ns = new NetnsPair("wscor", 219, "m")) {
            String server = ns.serverAddress.getHostAddress();
            ns.nftInClient("table inet wscor_test {\n chain output {\n  type filter hook output priority 0; policy accept;\n"
                    + "  tcp dport 7101 log group 219 prefix \"wscor drop\" drop\n"
                    + "  tcp dport 7100 tcp flags syn log group 219 prefix \"wscor accept\" accept\n }\n}\n");
            Process peer = new ProcessBuilder("ip", "netns", "exec", ns.server, "python3", "-c", String.join("\n",
                    "import socket", "s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
                    "s.bind(('" + server + "', 7100)); s.listen(1); print('listening', flush=True)",
                    "c, _ = s.accept(); got = 0",
                    "while got < 1000:", "    got += len(c.recv(4096))",
                    "c.sendall(b'y' * 3000); c.close()", "")).redirectErrorStream(true).start();
            Process child = null;
            BackgroundCli cli = null;
            try {
                assertEquals("listening", new String(peer.getInputStream().readNBytes(9), StandardCharsets.UTF_8));
                child = new ProcessBuilder("ip", "netns", "exec", ns.client, "python3", "-c", String.join("\n",
                        "import socket, sys", "sys.stdin.readline()",
                        "a = socket.create_connection(('" + server + "', 7100), timeout=10)",
                        "a.sendall(b'x' * 1000); got = 0",
                        "while True:", "    d = a.recv(4096)", "    if not d: break", "    got += len(d)",
                        "port = a.getsockname()[1]; a.close()",
                        "try:", "    socket.create_connection(('" + server + "', 7101), timeout=1)",
                        "except OSError:", "    pass",
                        "print(port, got, flush=True)", "")).redirectErrorStream(true).start();
                Path events = dir.resolve("events.jsonl");
                Path flows = dir.resolve("flows.jsonl");
                cli = BackgroundCli.start("monitor", "--pid", Long.toString(child.pid()), "--netns", ns.client,
                        "--nflog-group", "219", "--jsonl", events.toString(), "--flows", flows.toString(), "--no-tui",
                        "--duration", "90s", "--verdict-window", "2s");
                assertTrue(cli.awaitErr("and the socket calls of pid " + child.pid(), 90), cli.err());
                String[] printed = GatedChild.release(child, 30).split(" ");
                int localPort = Integer.parseInt(printed[0]);
                assertEquals("3000", printed[1], "what the program received");
                assertEquals(0, cli.join(30), cli.err());

                List<FirewallEvent> verdicts = new ArrayList<>();
                for (String line : Files.readAllLines(events)) {
                    NetEvent e = EventJson.read(line);
                    if (e instanceof FirewallEvent f) verdicts.add(f);
                }
                String log = cli.err();
                FirewallEvent drop = verdicts.stream().filter(f -> f.type().isDrop()).findFirst().orElseThrow(
                        () -> new AssertionError("no drop verdict in " + verdicts + "\n" + log));
                assertEquals(7101, drop.header().remote().port());
                assertEquals(child.pid(), drop.header().pid(), "the drop carries the program's pid: " + drop);
                assertEquals(PidSource.CORRELATED, drop.header().correlation().pidSource());

                ObjectMapper json = new ObjectMapper();
                JsonNode allowed = null;
                JsonNode blocked = null;
                for (String line : Files.readAllLines(flows)) {
                    JsonNode f = json.readTree(line);
                    if (f.get("remote_port").asInt() == 7100) allowed = f;
                    if (f.get("remote_port").asInt() == 7101) blocked = f;
                }
                assertNotNull(allowed, "no flow to 7100: " + Files.readString(flows));
                assertEquals(child.pid(), allowed.get("pid").asLong());
                assertEquals(1000, allowed.get("out_bytes").asLong(), allowed.toString());
                assertEquals(3000, allowed.get("in_bytes").asLong(), allowed.toString());
                assertEquals(localPort, allowed.get("local_port").asInt(), "the verdict told the flow its local port");
                assertEquals(CommunityId.of(6, ns.clientAddress, localPort, ns.serverAddress, 7100),
                        allowed.get("community_id").asText());
                assertEquals("established", allowed.get("outcome").asText());
                assertNotNull(blocked, "no flow to 7101: " + Files.readString(flows));
                assertEquals("blocked", blocked.get("outcome").asText(), blocked.toString());
                assertEquals(child.pid(), blocked.get("pid").asLong());
            } finally {
                if (child != null) child.destroyForcibly();
                peer.destroyForcibly();
                if (cli != null) cli.join(10);
            }
        }
    }
}
