package wstool.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import wstool.data.Attribution;
import wstool.data.DataSet;
import wstool.data.EmbeddedData;

/** The data part of {@code doctor}: sources in precedence order, the embedded default's age, problems, credits. */
final class DataDoctor {
    private DataDoctor() {}

    static void report(PrintWriter out, DataSet data) {
        if (EmbeddedData.available()) {
            Instant built = EmbeddedData.buildTime();
            long days = Duration.between(built, Instant.now()).toDays();
            DoctorCommand.line(out, "embedded", "GeoLite2 City + ASN built " + built + " (" + days / 365 + " years "
                    + days % 365 + " days old; " + (data.embeddedUsed() ? "in use: run 'ws_tool update' for current data)" : "not needed)"));
        } else {
            DoctorCommand.line(out, "embedded", "missing (org.elasticsearch:geolite2-databases not on the classpath)");
        }
        int i = 1;
        for (String s : data.describe()) DoctorCommand.line(out, i++ == 1 ? "lookup order" : "", s);
        DoctorCommand.line(out, "fast path", data.fastPath());
        for (String n : data.notes()) DoctorCommand.line(out, "data problem", n);
        boolean first = true;
        for (String a : Attribution.lines()) {
            DoctorCommand.line(out, first ? "credits" : "", a);
            first = false;
        }
        DoctorCommand.line(out, "", EmbeddedData.ATTRIBUTION);
    }
}
