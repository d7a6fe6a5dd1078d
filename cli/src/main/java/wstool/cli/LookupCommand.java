package wstool.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import wstool.core.model.Enrichment;
import wstool.core.net.Addresses;
import wstool.data.DataSet;
import wstool.enrich.Enricher;
import wstool.enrich.IanaAllocations;
import wstool.enrich.SpecialRanges;

/**
 * The lookup commands ({@code geoip}, {@code asn}, {@code dnsbl}, {@code iana}): one line per address and answering
 * source, wsock-trace style, or one JSON object per address with {@code --json}. Addresses are literals only; no DNS.
 */
abstract class LookupCommand implements CliCommand {
    /** Nodes without an ObjectMapper: building one costs ~80 ms, and picocli loads this class for every command. */
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @ParentCommand
    WsTool app;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "ADDR", description = "IPv4 or IPv6 address literals.")
    List<String> addresses;

    @Option(names = "--json", description = "One JSON object per address.")
    boolean json;

    /** The text of one source's answer for this command, or null when it says nothing relevant. */
    abstract String describe(Enrichment e);

    /** Whether a source's answer is relevant for this command (e.g. only ASN fields for {@code asn}). */
    abstract boolean relevant(Enrichment e);

    /** A line to print when no source answered. */
    String nothing() { return "no answer from " + String.join(", ", sourceNames()); }

    private List<String> names = List.of();
    private boolean checksDrop;

    List<String> sourceNames() { return names; }

    /** Whether a DROP list is loaded (see {@link DataSet#checksDrop()}). */
    boolean checksDrop() { return checksDrop; }

    @Override
    public void execute() {
        List<InetAddress> parsed = new ArrayList<>();
        for (String a : addresses) {
            try {
                parsed.add(Addresses.parse(a));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage() + " (only address literals; names are not resolved)");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        DataSet data = app.dataSet();
        names = data.sources().stream().map(s -> s.name()).toList();
        checksDrop = data.checksDrop();
        try (Enricher enricher = data.enricher()) {
            for (int i = 0; i < parsed.size(); i++) {
                InetAddress a = parsed.get(i);
                List<Enricher.Answer> answers = enricher.answers(a).stream()
                        .filter(x -> x.outcome() == Enricher.Outcome.FOUND && relevant(x.enrichment())).toList();
                if (json) out.println(json(addresses.get(i).trim(), a, answers, enricher.lookup(a)));
                else text(out, addresses.get(i).trim(), a, answers);
            }
        }
        out.flush();
    }

    void text(PrintWriter out, String shown, InetAddress a, List<Enricher.Answer> answers) {
        extra(out, shown, a);
        SpecialRanges.Block special = SpecialRanges.iana().block(Addresses.unmapped(a));
        if (answers.isEmpty() && special != null && !(this instanceof Dnsbl)) {
            // a private, loopback or documentation address has no location or AS: say what it is instead
            line(out, shown, "iana-special:", special(special) + ": " + notPublic());
        } else if (answers.isEmpty()) {
            line(out, shown, nothing());
        }
        for (Enricher.Answer x : answers) line(out, shown, x.source() + ":", describe(x.enrichment()));
    }

    /** Why a special-purpose address has no answer, e.g. "not a public address, so no location". */
    String notPublic() { return "not a public address, so no answer"; }

    /** "private (Private-Use, 10.0.0.0/8 RFC1918)". */
    static String special(SpecialRanges.Block sp) {
        return sp.kind() + " (" + sp.title() + ", " + sp.network() + " " + sp.reference() + ")";
    }

    /** One output line; database texts (cities, AS names) come from files: escaped for the terminal. */
    static void line(PrintWriter out, String shown, String source, String text) {
        out.println(wstool.core.sink.TerminalText.clean(String.format("%-20s %-16s %s", shown, source, text)));
    }

    static void line(PrintWriter out, String shown, String text) {
        out.println(wstool.core.sink.TerminalText.clean(String.format("%-20s %s", shown, text)));
    }

    /** Lines a command prints before the per-source answers (the iana command's allocation). */
    void extra(PrintWriter out, String shown, InetAddress a) {}

    String json(String shown, InetAddress a, List<Enricher.Answer> answers, Enrichment merged) {
        ObjectNode o = JSON.objectNode();
        o.put("address", Addresses.text(Addresses.unmapped(a)));
        ArrayNode list = o.putArray("answers");
        for (Enricher.Answer x : answers) {
            ObjectNode n = JSON.objectNode().put("source", x.source());
            n.setAll(node(x.enrichment()));
            list.add(n);
        }
        o.set("merged", node(merged));
        extraJson(o, a);
        return o.toString();
    }

    void extraJson(ObjectNode o, InetAddress a) {}

    /** The known fields, named as in the event JSON Lines export ({@code enrichment} object). */
    static ObjectNode node(Enrichment e) {
        ObjectNode n = JSON.objectNode();
        if (e.countryCode() != null) n.put("country_code", e.countryCode());
        if (e.countryName() != null) n.put("country", e.countryName());
        if (e.city() != null) n.put("city", e.city());
        if (e.region() != null) n.put("region", e.region());
        if (e.latitude() != null) n.put("latitude", e.latitude());
        if (e.longitude() != null) n.put("longitude", e.longitude());
        if (e.asn() != null) n.put("asn", e.asn());
        if (e.asOrg() != null) n.put("as_org", e.asOrg());
        if (e.dropId() != null) n.put("drop_id", e.dropId());
        if (e.special() != null) n.put("special", e.special());
        if (e.ipFireFlags() != null) {
            n.put("anonymous_proxy", e.anonymousProxy()).put("satellite_provider", e.satelliteProvider())
                    .put("anycast", e.anycast()).put("hostile_drop", e.hostileDrop());
        }
        return n;
    }

    static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (p == null || p.isBlank()) continue;
            if (b.length() > 0) b.append(", ");
            b.append(p);
        }
        return b.toString();
    }

    @picocli.CommandLine.Command(name = "geoip", mixinStandardHelpOptions = true,
            description = "Country, region, city and location of addresses, from every source that knows.")
    static final class Geoip extends LookupCommand {
        @Override
        boolean relevant(Enrichment e) { return e.countryCode() != null || e.city() != null; }

        @Override
        String notPublic() { return "not a public address, so it has no location"; }

        @Override
        String describe(Enrichment e) {
            String pos = e.latitude() == null ? null
                    : String.format(Locale.ROOT, "(%.4f, %.4f)", e.latitude(), e.longitude());
            return join(e.countryCode(), e.countryName(), e.region(), e.city(), pos);
        }
    }

    @picocli.CommandLine.Command(name = "asn", mixinStandardHelpOptions = true,
            description = "Autonomous system of addresses, from every source that knows.")
    static final class Asn extends LookupCommand {
        @Override
        boolean relevant(Enrichment e) { return e.asn() != null; }

        @Override
        String notPublic() { return "not a public address, so no autonomous system announces it"; }

        @Override
        String describe(Enrichment e) { return join("AS" + e.asn(), e.asOrg()); }
    }

    @picocli.CommandLine.Command(name = "dnsbl", mixinStandardHelpOptions = true,
            description = "Spamhaus DROP / ASN-DROP listing of addresses (offline lists; no DNS queries).")
    static final class Dnsbl extends LookupCommand {
        @Override
        boolean relevant(Enrichment e) { return e.dropId() != null; }

        @Override
        String describe(Enrichment e) { return "listed " + e.dropId(); }

        @Override
        String nothing() {
            return checksDrop() ? "not listed (checked: " + String.join(", ", sourceNames()) + ")" : DataSet.DROP_NOT_CHECKED;
        }

        @Override
        void extraJson(ObjectNode o, InetAddress a) { o.put("drop_checked", checksDrop()); }
    }

    @picocli.CommandLine.Command(name = "iana", mixinStandardHelpOptions = true,
            description = "IANA allocation (which RIR holds the block) and special-purpose class of addresses.")
    static final class Iana extends LookupCommand {
        @Override
        boolean relevant(Enrichment e) { return false; }

        @Override
        String describe(Enrichment e) { return ""; }

        @Override
        String nothing() { return null; }

        @Override
        void text(PrintWriter out, String shown, InetAddress a, List<Enricher.Answer> answers) {
            InetAddress u = Addresses.unmapped(a);
            IanaAllocations.Allocation al = IanaAllocations.iana().lookup(u);
            SpecialRanges.Block sp = SpecialRanges.iana().block(u);
            line(out, shown, "iana:", al == null ? "not in an IANA-assigned unicast block" : al.block() + " " + al.holder());
            if (sp != null) line(out, shown, "iana-special:", special(sp));
        }

        @Override
        void extraJson(ObjectNode o, InetAddress a) {
            InetAddress u = Addresses.unmapped(a);
            IanaAllocations.Allocation al = IanaAllocations.iana().lookup(u);
            SpecialRanges.Block sp = SpecialRanges.iana().block(u);
            if (al != null) o.putObject("allocation").put("block", al.block().toString()).put("holder", al.holder());
            if (sp != null) {
                o.putObject("special").put("class", sp.kind()).put("name", sp.title())
                        .put("block", sp.network().toString()).put("reference", sp.reference());
            }
        }
    }
}
