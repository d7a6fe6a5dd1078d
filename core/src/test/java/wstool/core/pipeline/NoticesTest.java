package wstool.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoticesTest {
    @Test
    void stderrWithoutTheViewTheStatusLineWithIt() {
        StringWriter err = new StringWriter();
        Notices.Channel c = new Notices.Channel(Notices.stderr(new PrintWriter(err)));
        List<String> view = new ArrayList<>();
        c.notice("listening on NFLOG group 100");
        c.show(view::add);
        c.notice("ready: tracing pid 7");
        c.block("nothing reaches NFLOG group 100 until a rule logs packets to it.\nnft -f - <<'EOF'\nEOF");
        c.restore();
        c.notice("ETW: 3 events lost \u001b[2J");
        c.block("first\nsecond \u001b]0;x\u0007");
        assertEquals(List.of("ready: tracing pid 7", "nothing reaches NFLOG group 100 until a rule logs packets to it."), view,
                "the view gets one status line each; nothing of it on stderr");
        String nl = System.lineSeparator();
        assertEquals("ws_tool: listening on NFLOG group 100" + nl + "ws_tool: ETW: 3 events lost \\x1b[2J" + nl
                + "first\nsecond \\x1b]0;x\\x07" + nl, err.toString());
    }
}
