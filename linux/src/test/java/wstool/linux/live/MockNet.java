package wstool.linux.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The network of the mock live tests: a server namespace {@code wsmock-s<pid>} joined to the root namespace by a veth
 * pair on 10.223.N.0/24 (root side .1, server .2), with 10.223.0.0/16 blackholed in the root namespace while it exists
 * (nothing for the test subnet leaves the machine), and the echo server ({@code mock_server.py}, TCP and UDP) on
 * the server's address. The program under test runs in the root namespace, where ws_tool mock's rules are.
 * {@link #close()} removes everything and never throws.
 */
public final class MockNet implements AutoCloseable {
    public static final int PORT = 7000;
    public final String namespace;
    public final String rootDevice;
    public final String serverAddress;
    public final Path client;
    private final Path dir;
    private boolean addedBlackhole;
    private Process server;

    public MockNet(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        long pid = ProcessHandle.current().pid();
        int net = (int) (pid % 200) + 20;
        namespace = "wsmock-s" + pid;
        rootDevice = "wsmockr" + pid % 10000;
        String serverDevice = "wsmocks" + pid % 10000;
        serverAddress = "10.223." + net + ".2";
        client = dir.resolve("mock_client.py");
        try {
            copy("mock_client.py", client);
            Path serverScript = dir.resolve("mock_server.py");
            copy("mock_server.py", serverScript);
            addedBlackhole = Cmd.run(null, "ip", "route", "add", "blackhole", "10.223.0.0/16").exit() == 0;
            Cmd.must(null, "ip", "netns", "add", namespace);
            Cmd.must(null, "ip", "link", "add", rootDevice, "type", "veth", "peer", "name", serverDevice, "netns", namespace);
            Cmd.must(null, "ip", "addr", "add", "10.223." + net + ".1/24", "dev", rootDevice);
            Cmd.must(null, "ip", "link", "set", rootDevice, "up");
            Cmd.must(null, "ip", "-n", namespace, "addr", "add", serverAddress + "/24", "dev", serverDevice);
            Cmd.must(null, "ip", "-n", namespace, "link", "set", serverDevice, "up");
            Cmd.must(null, "ip", "-n", namespace, "link", "set", "lo", "up");
            server = new ProcessBuilder("ip", "netns", "exec", namespace, "python3", serverScript.toString(),
                    serverAddress, Integer.toString(PORT)).redirectErrorStream(true).start();
            String first = firstLine(server.getInputStream(), 20);
            if (!"READY".equals(first)) throw new IOException("echo server did not start: " + first);
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = MockNet.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException(resource + " missing from the test resources");
            Files.copy(in, to);
        }
    }

    /** The first line a process prints, waiting at most that long (null when none came). */
    public static String firstLine(InputStream in, long seconds) throws IOException, InterruptedException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return r.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            return line.get(seconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return null;
        }
    }

    /** The command line of the test client: {@code python3 mock_client.py MODE SERVER PORT ARG}. */
    public List<String> clientCommand(String mode, String arg) {
        return new ArrayList<>(List.of("python3", client.toString(), mode, serverAddress, Integer.toString(PORT), arg));
    }

    /** Runs the client outside any mock (the unaffected second program) and returns its result line. */
    public String runClient(String mode, String arg) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(clientCommand(mode, arg)).redirectErrorStream(true).start();
        return result(p, 60);
    }

    /** The result line of a client process, waiting at most that long for it to end (killed after). */
    public static String result(Process p, long seconds) throws IOException, InterruptedException {
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) throw new IOException("client did not finish within " + seconds + " s");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String[] lines = out.split("\n");
            return lines[lines.length - 1].trim();
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * What ws_tool mock left installed: nft tables named *mock*, root qdiscs 7773: on the veth, the ws_tool cgroup
     * and the run cgroups below it; empty when clean (the tests run one mock at a time).
     */
    public String leftovers() throws IOException, InterruptedException {
        StringBuilder sb = new StringBuilder();
        for (String l : Cmd.must(null, "nft", "list", "tables").split("\n")) if (l.contains("ws_tool_mock")) sb.append(l).append('\n');
        String q = Cmd.must(null, "tc", "qdisc", "show", "dev", rootDevice, "root");
        if (q.contains("7773:")) sb.append(q);
        for (Path mount : List.of(Path.of("/sys/fs/cgroup/unified/ws_tool"), Path.of("/sys/fs/cgroup/ws_tool"))) {
            if (!Files.isDirectory(mount)) continue;
            try (var s = Files.list(mount)) {
                s.filter(p -> p.getFileName().toString().startsWith("mock_")).forEach(p -> sb.append(p).append('\n'));
            }
            sb.append(mount).append(" (the parent is removed with the last run)\n");
        }
        return sb.toString();
    }

    @Override
    public void close() {
        if (server != null) server.destroyForcibly();
        Cmd.quiet("ip", "link", "del", rootDevice);
        Cmd.quiet("ip", "netns", "del", namespace);
        if (addedBlackhole) Cmd.quiet("ip", "route", "del", "blackhole", "10.223.0.0/16");
    }
}
