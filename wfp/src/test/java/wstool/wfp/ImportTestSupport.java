package wstool.wfp;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import wstool.core.model.FirewallEvent;

final class ImportTestSupport {
    private ImportTestSupport() {}

    static List<FirewallEvent> readAll(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return readAll(in, file.getFileName().toString(), new ArrayList<>());
        }
    }

    static List<FirewallEvent> readAll(String xml) throws Exception {
        return readAll(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test.xml", new ArrayList<>());
    }

    /** Reads into {@code out} (so a caller sees the events emitted before an exception). */
    static List<FirewallEvent> readAll(InputStream in, String name, List<FirewallEvent> out) throws Exception {
        try (NetshXmlReader r = new NetshXmlReader(in, name)) {
            FirewallEvent e;
            while ((e = r.next()) != null) out.add(e);
        }
        return out;
    }
}
