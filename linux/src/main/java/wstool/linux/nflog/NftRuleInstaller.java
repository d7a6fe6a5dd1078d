package wstool.linux.nflog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.regex.Pattern;

/**
 * Adds the ws_tool logging rules in a table of this instance's own ({@code inet ws_tool_<pid>}) and removes that
 * table again, on close and from a shutdown hook (Ctrl-C, SIGTERM). Each instance owns its table, so two instances
 * (with different NFLOG groups) never replace or delete each other's rules; a table whose instance is gone (killed
 * with -9, so no hook ran) is removed by the next instance's {@link #install()}, one of a live instance never. nft
 * runs from an argument list with a generated ruleset on stdin ({@code nft -f -}, one transaction: the table appears
 * whole or not at all); user text (the {@code --match} expression) is validated first and never reaches a shell.
 *
 * <p>Two chains per hook (input, forward, output) log the same packets to the group: one before the filter chains
 * (priority -199, after conntrack) with prefix {@value DropCorrelator#SEEN}, one after all of them (priority
 * {@value #LATE_PRIORITY}) with {@value DropCorrelator#PASSED}; {@link DropCorrelator} turns the pairs into verdicts.
 * Without a match only connection-opening packets (ct state new/invalid/untracked) are logged and only drops reported.
 * Requires root or CAP_NET_ADMIN.
 */
public final class NftRuleInstaller implements AutoCloseable {
    /** Tables of ws_tool instances are named this plus the owning process id. */
    public static final String TABLE_PREFIX = "ws_tool_";
    /** The table the no-rule hint suggests adding by hand (no pid: never taken for an instance's and removed). */
    public static final String MANUAL_TABLE = "ws_tool_manual";
    static final int EARLY_PRIORITY = -199;
    static final int LATE_PRIORITY = 2_000_000_000;
    private static final Pattern INSTANCE_TABLE = Pattern.compile("table inet " + TABLE_PREFIX + "(\\d{1,10})");
    private static final Pattern MATCH_CHARS = Pattern.compile("[A-Za-z0-9 _.:/,{}!=<>\\-]{1,200}");
    private static final Set<String> FORBIDDEN_WORDS = Set.of("accept", "drop", "reject", "queue", "jump", "goto",
            "return", "continue", "log", "counter", "set", "add", "delete", "table", "chain", "flush", "limit",
            "quota", "meter", "snat", "dnat", "masquerade", "redirect", "notrack", "dup", "fwd", "include", "define");

    private final List<String> nft;
    private final int group;
    private final String match;
    private final String table;
    private final LongPredicate alive;
    private Thread hook;
    private boolean installed;

    /**
     * @param nft the command that runs nft: {@code ["nft"]}, or {@code ["ip", "netns", "exec", NS, "nft"]}
     * @param match an nft match expression such as {@code tcp dport 22}, or null for "what the ruleset drops"
     */
    public NftRuleInstaller(List<String> nft, int group, String match) {
        this(nft, group, match, ProcessHandle.current().pid(), pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    NftRuleInstaller(List<String> nft, int group, String match, long ownPid, LongPredicate alive) {
        this.nft = List.copyOf(nft);
        this.group = group;
        this.match = match == null || match.isBlank() ? null : validateMatch(match);
        this.table = TABLE_PREFIX + ownPid;
        this.alive = alive;
    }

    /** This instance's table ({@code ws_tool_<pid>}). */
    public String table() { return table; }

    /** Whether the source should report allowed packets too (the user asked for specific traffic). */
    public boolean reportsAllowed() { return match != null; }

    /**
     * Accepts an nft match expression made of selectors, values, sets and comparisons; refuses statements, verdicts,
     * quotes, comments, ';' and newlines, and braces that would close the generated chain.
     */
    public static String validateMatch(String match) {
        String m = match.trim();
        if (!MATCH_CHARS.matcher(m).matches()) {
            throw new IllegalArgumentException("an nft match expression may only contain letters, digits, spaces and . : / , { } ! = < > - _"
                    + " (at most 200 characters): '" + match + "'");
        }
        int depth = 0;
        for (char c : m.toCharArray()) {
            if (c == '{') depth++;
            if (c == '}' && --depth < 0) throw new IllegalArgumentException("the nft match expression has an unbalanced '}': '" + match + "'");
        }
        if (depth != 0) throw new IllegalArgumentException("the nft match expression has an unbalanced '{': '" + match + "'");
        for (String word : m.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (FORBIDDEN_WORDS.contains(word)) {
                throw new IllegalArgumentException("an nft match expression must only select packets; '" + word
                        + "' is a statement or verdict: '" + match + "'");
            }
        }
        return m;
    }

    /**
     * The nft script that creates this instance's table in one transaction (replacing a table of the same name,
     * which can only be one left by a dead process whose pid this one reuses).
     */
    public String ruleset() {
        return "table inet " + table + " {}\ndelete table inet " + table + "\n" + definition(table, group, match);
    }

    /** {@code table inet NAME { ... }}: the six logging chains, one line each, log statements only (no verdicts). */
    private static String definition(String name, int group, String match) {
        String sel = match != null ? match + " " : "ct state { new, invalid, untracked } ";
        StringBuilder sb = new StringBuilder("table inet ").append(name).append(" {\n");
        for (String h : List.of("input", "forward", "output")) {
            chain(sb, "seen_" + h, h, EARLY_PRIORITY, sel, DropCorrelator.SEEN, group);
            chain(sb, "passed_" + h, h, LATE_PRIORITY, sel, DropCorrelator.PASSED, group);
        }
        return sb.append("}\n").toString();
    }

    private static void chain(StringBuilder sb, String name, String hookName, int prio, String sel, String prefix, int group) {
        sb.append("  chain ").append(name).append(" { type filter hook ").append(hookName).append(" priority ")
          .append(prio).append("; policy accept; ").append(sel).append("log prefix \"").append(prefix)
          .append("\" group ").append(group).append("; }\n");
    }

    /**
     * Removes the tables of ws_tool instances that are gone, then loads this instance's table (checked with
     * {@code nft -c} first so syntax errors name the match, not a half-made table).
     *
     * @return the stale tables removed (to tell the user)
     */
    public List<String> install() throws IOException {
        List<String> removed = removeStaleTables();
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
        return removed;
    }

    /** Deletes every {@code inet ws_tool_<pid>} table whose pid names no running process (and is not ours). */
    List<String> removeStaleTables() throws IOException {
        List<String> removed = new java.util.ArrayList<>();
        for (String line : run(null, cmd("list", "tables")).split("\n")) {
            java.util.regex.Matcher m = INSTANCE_TABLE.matcher(line.trim());
            if (!m.matches()) continue;
            String name = TABLE_PREFIX + m.group(1);
            long pid = Long.parseLong(m.group(1));
            if (name.equals(table) || alive.test(pid)) continue;
            try {
                run(null, cmd("delete", "table", "inet", name));
                removed.add(name);
            } catch (IOException e) {
                if (!e.getMessage().contains("No such file or directory")) throw e; // its owner's hook ran meanwhile
            }
        }
        return removed;
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
            run(null, cmd("delete", "table", "inet", table));
        } catch (IOException e) {
            System.err.println("ws_tool: could not remove nftables table inet " + table + ": " + e.getMessage()
                    + " (remove it with: nft delete table inet " + table + ")");
        }
    }

    private String[] cmd(String... args) {
        List<String> all = new java.util.ArrayList<>(nft);
        all.addAll(List.of(args));
        return all.toArray(new String[0]);
    }

    /** @return what the command printed */
    private static String run(String stdin, String... cmd) throws IOException {
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
                String message = String.join(" ", cmd) + " failed: " + out;
                throw out.contains("Operation not permitted") ? new NotPermitted(message) : new IOException(message);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while running " + cmd[0], e);
        }
    }

    /**
     * What to add by hand when ws_tool should not touch the ruleset (printed without --install-rule, once the group
     * is bound): the same log-only table --install-rule loads, under a fixed name. It changes no verdict; the source
     * pairs its records into drops exactly as for an installed table.
     */
    /** nft refused to change the ruleset for lack of privileges (root or CAP_NET_ADMIN). */
    public static final class NotPermitted extends IOException {
        NotPermitted(String message) { super(message); }
    }

    public static String suggestion(int group) {
        return "ws_tool: nothing reaches NFLOG group " + group + " until a rule logs packets to it.\n"
                + "  --install-rule adds (and on exit removes) a table of ws_tool's own that logs what the existing ruleset"
                + " drops; it changes no verdict.\n"
                + "  To add the same log-only table by hand (remove it with: nft delete table inet " + MANUAL_TABLE + "):\n"
                + "nft -f - <<'EOF'\n" + definition(MANUAL_TABLE, group, null) + "EOF";
    }
}
