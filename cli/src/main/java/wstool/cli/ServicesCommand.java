package wstool.cli;

import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import wstool.core.net.Services;
import wstool.core.net.Services.Service;

/** Port/protocol to IANA service name, and service name to ports. */
@Command(name = "services", mixinStandardHelpOptions = true,
        description = "IANA service names: 'services 443 53/udp' or 'services https'.")
public final class ServicesCommand implements CliCommand {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PORT[/PROTO]|NAME",
            description = "A port (tcp and udp), port/proto (tcp, udp, sctp, dccp) or a service name.")
    List<String> queries;

    @Override
    public void execute() {
        Services services = Services.iana();
        var out = spec.commandLine().getOut();
        for (String q : queries) {
            String query = q.trim().toLowerCase(Locale.ROOT);
            if (query.isEmpty()) throw new UsageException("empty service query");
            if (!Character.isDigit(query.charAt(0))) {
                List<Service> found = services.byName(query);
                if (found.isEmpty()) out.printf("%-12s (no such service in the IANA registry)%n", q);
                found.forEach(s -> print(out, s));
                continue;
            }
            String[] parts = query.split("/", 2);
            int port = parsePort(parts[0], q);
            List<String> protos = parts.length == 2 ? List.of(parts[1]) : List.of("tcp", "udp");
            for (String proto : protos) {
                if (!List.of("tcp", "udp", "sctp", "dccp").contains(proto)) {
                    throw new UsageException("unknown transport '" + proto + "' in '" + q + "' (use tcp, udp, sctp or dccp)");
                }
                Service s = services.lookup(port, proto);
                if (s == null) out.printf("%-12s (unassigned)%n", port + "/" + proto);
                else print(out, s);
            }
        }
        out.flush();
    }

    private static void print(java.io.PrintWriter out, Service s) {
        out.printf("%-12s %-20s %s%n", s.port() + "/" + s.protocol(), s.name(), s.description());
    }

    private static int parsePort(String text, String original) {
        try {
            int p = Integer.parseInt(text);
            if (p >= 0 && p <= 65535) return p;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("'" + original + "' is not a port 0-65535");
    }
}
