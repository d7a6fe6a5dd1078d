package wstool.linux.nflog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Adds the ws_tool logging rules in a table of their own ({@code inet ws_tool}) and removes that table again, on
 * close and from a shutdown hook (Ctrl-C, SIGTERM). nft runs from an argument list with a generated ruleset on
 * stdin ({@code nft -f -}); user text (the {@code --match} expression) is validated first and never reaches a shell.
 *
 * <p>Two chains per hook (input, forward, output) log the same packets to the group: one before the filter chains
 * (priority -199, after conntrack) with prefix {@value DropCorrelator#SEEN}, one after all of them (priority
 * {@value #LATE_PRIORITY}) with {@value DropCorrelator#PASSED}; {@link DropCorrelator} turns the pairs into verdicts.
 * Without a match only connection-opening packets (ct state new/invalid/untracked) are logged and only drops reported.
 * Requires root or CAP_NET_ADMIN.
 */
public final class NftRuleInstaller implements AutoCloseable {
    public static final String TABLE = "ws_tool";
    static final int EARLY_PRIORITY = -199;
    static final int LATE_PRIORITY = 2_000_000_000;
    private static final Pattern MATCH_CHARS = Pattern.compile("[A-Za-z0-9 _.:/,{}!=<>\\-]{1,200}");
    private static final Set<String> FORBIDDEN_WORDS = Set.of("accept", "drop", "reject", "queue", "jump", "goto",
            "return", "continue", "log", "counter", "set", "add", "delete", "table", "chain", "flush", "limit",
            "quota", "meter", "snat", "dnat", "masquerade", "redirect", "notrack", "dup", "fwd", "include", "define");

    private final List<String> nft;
    private final int group;
    private final String match;
    private Thread hook;
    private boolean installed;

    /**
     * @param nft the command that runs nft: {@code ["nft"]}, or {@code ["ip", "netns", "exec", NS, "nft"]}
     * @param match an nft match expression such as {@code tcp dport 22}, or null for "what the ruleset drops"
     */
    public NftRuleInstaller(List<String> nft, int group, String match) {
        this.nft = List.copyOf(nft);
        this.group = group;
        this.match = match == null || match.isBlank() ? null : validateMatch(match);
    }

    /** Whether the source should report allowed packets too (the user asked for specific traffic). */
    public boolean reportsAllowed() { return match != null; }

    /**
     * Accepts an nft match expression made of selectors, values, sets and comparisons; refuses statements, verdicts,
     * quotes, comments, ';' and newlines, and braces that would close the generated chain.
     */
    public static String validateMatch(String match) {
        String m = match.trim();
        if (!MATCH_CHARS.matcher(m).matches()) {
            throw new IllegalArgumentException("--match may only contain letters, digits, spaces and . : / , { } ! = < > - _"
                    + " (at most 200 characters): '" + match + "'");
        }
        int depth = 0;
        for (char c : m.toCharArray()) {
            if (c == '{') depth++;
            if (c == '}' && --depth < 0) throw new IllegalArgumentException("--match has an unbalanced '}': '" + match + "'");
        }
        if (depth != 0) throw new IllegalArgumentException("--match has an unbalanced '{': '" + match + "'");
        for (String word : m.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (FORBIDDEN_WORDS.contains(word)) {
                throw new IllegalArgumentException("--match must only select packets; '" + word
                        + "' is a statement or verdict: '" + match + "'");
            }
        }
        return m;
    }

    /** The nft script that replaces any previous ws_tool table atomically. */
    public String ruleset() {
        String sel = match != null ? match + " " : "ct state { new, invalid, untracked } ";
        StringBuilder sb = new StringBuilder();
        sb.append("table inet ").append(TABLE).append(" {}\n");
        sb.append("delete table inet ").append(TABLE).append('\n');
        sb.append("table inet ").append(TABLE).append(" {\n");
        for (String h : List.of("input", "forward", "output")) {
            chain(sb, "seen_" + h, h, EARLY_PRIORITY, sel, DropCorrelator.SEEN);
            chain(sb, "passed_" + h, h, LATE_PRIORITY, sel, DropCorrelator.PASSED);
        }
        return sb.append("}\n").toString();
    }

    private void chain(StringBuilder sb, String name, String hookName, int prio, String sel, String prefix) {
        sb.append("  chain ").append(name).append(" {\n")
          .append("    type filter hook ").append(hookName).append(" priority ").append(prio).append("; policy accept;\n")
          .append("    ").append(sel).append("log prefix \"").append(prefix).append("\" group ").append(group).append('\n')
          .append("  }\n");
    }

    /** Loads the rules (checked with {@code nft -c} first so syntax errors name the match, not a half-made table). */
    public void install() throws IOException {
        run(ruleset(), cmd("-c", "-f", "-"));
        hook = new Thread(this::removeQuietly, "ws_tool-nft-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        installed = true;
        try {
            run(ruleset(), cmd("-f", "-"));
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** Removes the table; idempotent. */
    @Override
    public synchronized void close() {
        if (!installed) return;
        removeQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran: it removes the table
        }
    }

    private synchronized void removeQuietly() {
        if (!installed) return;
        installed = false;
        try {
            run(null, cmd("delete", "table", "inet", TABLE));
        } catch (IOException e) {
            System.err.println("ws_tool: could not remove nftables table inet " + TABLE + ": " + e.getMessage()
                    + " (remove it with: nft delete table inet " + TABLE + ")");
        }
    }

    private String[] cmd(String... args) {
        List<String> all = new java.util.ArrayList<>(nft);
        all.addAll(List.of(args));
        return all.toArray(new String[0]);
    }

    private static void run(String stdin, String... cmd) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + cmd[0] + " (apt-get install nftables): " + e.getMessage(), e);
        }
        try {
            if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish within 15 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                String hint = out.contains("Operation not permitted")
                        ? " (--install-rule needs root or CAP_NET_ADMIN)" : "";
                throw new IOException(String.join(" ", cmd) + " failed" + hint + ": " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while running " + cmd[0], e);
        }
    }

    /** What to add by hand when ws_tool should not touch the ruleset (printed without --install-rule). */
    public static String suggestion(int group, String match) {
        String m = match == null || match.isBlank() ? "" : validateMatch(match) + " ";
        return "ws_tool listens on NFLOG group " + group + "; nothing is logged there until a rule sends packets to it.\n"
                + "Add 'log prefix \"ws_tool drop\" group " + group + "' before the drop verdict of the rules you want to see, e.g.\n"
                + "  nft add rule inet filter input " + m + "log prefix \"ws_tool drop\" group " + group + " drop\n"
                + "  iptables -A INPUT " + (m.isEmpty() ? "" : "<match> ") + "-j NFLOG --nflog-group " + group
                + " --nflog-prefix \"ws_tool drop\"   (then: iptables -A INPUT ... -j DROP)\n"
                + "or let ws_tool add (and on exit remove) its own table: --install-rule [--match 'tcp dport 22'] (needs root or CAP_NET_ADMIN).";
    }
}
