package wstool.wfp;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import wstool.core.model.FirewallEvent;
import wstool.core.pipeline.Emitter;
import wstool.core.pipeline.EventSource;

/** Offline source: the net events of a {@code netsh wfp} XML file (netevents.xml or wfpdiag.xml), on any OS. */
public final class WfpImportSource implements EventSource {
    private final Path file;
    private volatile boolean stopped;

    public WfpImportSource(Path file) { this.file = file; }

    @Override public String name() { return "WFP import of " + file.getFileName(); }

    @Override public boolean live() { return false; }

    @Override
    public void run(Emitter emitter) throws Exception {
        NetshXmlKind.requireNetEvents(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
             NetshXmlReader reader = new NetshXmlReader(in, file.getFileName().toString())) {
            FirewallEvent e;
            while (!stopped && (e = reader.next()) != null) emitter.emit(e);
        }
    }

    @Override public void stop() { stopped = true; }
}
