package wstool.linux.live;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import wstool.core.net.Addresses;
import wstool.linux.sys.NetNamespace;

/**
 * Two network namespaces joined by a veth pair on a private test subnet 10.213.N.0/24 (N from the pid, so parallel
 * runs do not collide); 10.213.0.0/16 is blackholed in the root namespace while the pair exists, so nothing addressed
 * to the test subnet can leave the machine. {@link #close()} removes everything and never throws.
 */
public final class NetnsPair implements AutoCloseable {
    public final String client;
    public final String server;
    public final InetAddress clientAddress;
    public final InetAddress serverAddress;
    private boolean addedBlackhole;

    private final String blackhole;

    public NetnsPair(String tag) throws IOException, InterruptedException {
        this("wst-", 213, tag);
    }

    /**
     * @param prefix the start of the namespace names (a test suite's own)
     * @param secondOctet the test subnet 10.{secondOctet}.0.0/16 (a test suite's own)
     */
    public NetnsPair(String prefix, int secondOctet, String tag) throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        int net = (int) (pid % 200) + 20;
        client = prefix + tag + "-c" + pid;
        server = prefix + tag + "-s" + pid;
        clientAddress = Addresses.parse("10." + secondOctet + "." + net + ".1");
        serverAddress = Addresses.parse("10." + secondOctet + "." + net + ".2");
        blackhole = "10." + secondOctet + ".0.0/16";
        try {
            Cmd.Result r = Cmd.run(null, "ip", "route", "add", "blackhole", blackhole);
            addedBlackhole = r.exit() == 0;
            Cmd.must(null, "ip", "netns", "add", client);
            Cmd.must(null, "ip", "netns", "add", server);
            String vc = "wc" + pid % 100000, vs = "ws" + pid % 100000;
            Cmd.must(null, "ip", "link", "add", vc, "netns", client, "type", "veth", "peer", "name", vs, "netns", server);
            Cmd.must(null, "ip", "-n", client, "addr", "add", clientAddress.getHostAddress() + "/24", "dev", vc);
            Cmd.must(null, "ip", "-n", server, "addr", "add", serverAddress.getHostAddress() + "/24", "dev", vs);
            for (String[] ns : new String[][] {{client, vc}, {server, vs}}) {
                Cmd.must(null, "ip", "-n", ns[0], "link", "set", ns[1], "up");
                Cmd.must(null, "ip", "-n", ns[0], "link", "set", "lo", "up");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public Path clientPath() { return NetNamespace.named(client); }

    public Path serverPath() { return NetNamespace.named(server); }

    /** Loads an nft ruleset into the server namespace (from a generated file on stdin, never a shell). */
    public void nftInServer(String ruleset) throws IOException, InterruptedException {
        Cmd.must(ruleset, "ip", "netns", "exec", server, "nft", "-f", "-");
    }

    /** Loads an nft ruleset into the client namespace. */
    public void nftInClient(String ruleset) throws IOException, InterruptedException {
        Cmd.must(ruleset, "ip", "netns", "exec", client, "nft", "-f", "-");
    }

    public <T> T inClient(Callable<T> body) throws Exception { return NetNamespace.callIn(clientPath(), body); }

    @Override
    public void close() {
        Cmd.quiet("ip", "netns", "del", client);
        Cmd.quiet("ip", "netns", "del", server);
        if (addedBlackhole) Cmd.quiet("ip", "route", "del", "blackhole", blackhole);
    }
}
