package wstool.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import wstool.data.Feed;
import wstool.data.Feeds;
import wstool.data.ProgressBar;
import wstool.data.Updater;

/** Downloads current free data (DB-IP lite, IPFire, Spamhaus DROP; GeoLite2 with MAXMIND_LICENSE_KEY) into the data dir. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = "Download current DB-IP lite, IPFire location.db and Spamhaus DROP data (GeoLite2 too when "
                + "MAXMIND_LICENSE_KEY is set) into the data dir.")
public final class UpdateCommand implements CliCommand {
    @ParentCommand
    WsTool app;

    @Spec
    CommandSpec spec;

    @Option(names = "--only", paramLabel = "NAME", split = ",", description = "Only this feed (dbip-city, dbip-asn, ipfire, "
            + "spamhaus-drop-v4, spamhaus-drop-v6, spamhaus-asndrop, geolite2-city, geolite2-asn); repeatable.")
    List<String> only = new java.util.ArrayList<>();

    @Option(names = "--offline", description = "Download nothing: check which files are present, how old, and usable.")
    boolean offline;

    @Override
    public void execute() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Feed> feeds = Feeds.defaults(Clock.systemUTC(), System.getenv("MAXMIND_LICENSE_KEY"));
        for (String name : only) {
            if (feeds.stream().noneMatch(f -> f.name().equals(name))) {
                throw new UsageException("--only: no data feed named '" + name + "' (known: "
                        + String.join(", ", feeds.stream().map(Feed::name).toList())
                        + (name.startsWith("geolite2") ? "; GeoLite2 feeds need MAXMIND_LICENSE_KEY" : "") + ")");
            }
        }
        if (!only.isEmpty()) feeds = feeds.stream().filter(f -> only.contains(f.name())).toList();
        java.io.PrintStream progressStream = new java.io.PrintStream(new java.io.OutputStream() {
            @Override public void write(int b) { err.write(b); }
            @Override public void flush() { err.flush(); }
        }, true, java.nio.charset.StandardCharsets.UTF_8);
        Updater u = new Updater(app.global().dataDir(), Clock.systemUTC(), new ProgressBar(progressStream));
        List<Updater.Outcome> results = offline ? u.check(feeds, null) : u.update(feeds, null);
        List<String> failed = new java.util.ArrayList<>();
        for (Updater.Outcome o : results) {
            out.printf("%-18s %-8s %s%n", o.feed(), o.status().name().toLowerCase(java.util.Locale.ROOT), o.detail());
            if (o.status() == Updater.Status.FAILED || (!offline && o.status() == Updater.Status.MISSING)) failed.add(o.feed());
        }
        out.println("data dir: " + app.global().dataDir());
        out.flush();
        if (!failed.isEmpty()) {
            throw new java.io.IOException(failed.size() + " of " + results.size() + " feeds could not be "
                    + (offline ? "used" : "updated") + ": " + String.join(", ", failed));
        }
    }
}
