package wstool.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import wstool.core.sink.Palette;

class KeyHandlerTest {
    final TuiModel model = TuiModelTest.withEvents(100, 40);
    final AtomicInteger quits = new AtomicInteger();
    final AtomicInteger exports = new AtomicInteger();
    final KeyHandler keys = new KeyHandler(model, () -> 11, exports::incrementAndGet, quits::incrementAndGet);

    @Test
    void whileTypingAFilterCommandKeysAreText() {
        keys.handle(Key.FILTER, "/");
        for (String s : new String[] {"p", "r", "o", "c", "e", "s", "s", ":", "q", "t", "f", " "}) {
            Key k = s.equals("q") ? Key.QUIT : s.equals("t") ? Key.TOP : s.equals("f") ? Key.FOLLOW
                    : s.equals("c") ? Key.CLEAR : s.equals("e") ? Key.EXPORT : s.equals(" ") ? Key.PAUSE : Key.CHAR;
            keys.handle(k, s);
        }
        assertEquals("process:qtf ", model.inputText());
        assertEquals(0, quits.get());
        assertFalse(model.topPanelOpen());
        keys.handle(Key.ESCAPE, "\u001b");
        assertFalse(model.editingFilter());
        keys.handle(Key.FILTER, "/");
        keys.handle(Key.QUIT, "\u0003");
        assertEquals(1, quits.get(), "Ctrl-C quits even while typing");
    }

    @Test
    void navigationPagesAndPanels() {
        keys.handle(Key.PAGE_UP, null);
        assertEquals(30, model.selectedPosition(), "a page is the table height minus one row of overlap");
        assertFalse(model.following());
        keys.handle(Key.HOME, null);
        assertEquals(1, model.selectedPosition());
        keys.handle(Key.PAGE_DOWN, null);
        assertEquals(11, model.selectedPosition());
        keys.handle(Key.END, null);
        assertTrue(model.following());
        keys.handle(Key.ENTER, "\r");
        assertTrue(model.detailOpen());
        keys.handle(Key.ESCAPE, "\u001b");
        assertFalse(model.detailOpen(), "Esc closes the detail first");
        keys.handle(Key.TOP, "t");
        assertTrue(model.topPanelOpen());
        keys.handle(Key.PAUSE, " ");
        assertTrue(model.paused());
        keys.handle(Key.EXPORT, "e");
        assertEquals(1, exports.get());
        keys.handle(Key.CLEAR, "c");
        assertEquals(0, model.size());
        keys.handle(Key.QUIT, "q");
        assertEquals(1, quits.get());
    }

    @Test
    void escapeClearsTheFilter() {
        model.setFilter(ViewFilter.parse("drop"));
        assertEquals(20, model.size());
        keys.handle(Key.ESCAPE, "\u001b");
        assertTrue(model.filter().isAll());
        assertEquals(40, model.size());
    }

    @Test
    void vWithoutVerifyExplainsOnTheStatusLine() {
        keys.handle(Key.FINDINGS, "v");
        assertFalse(model.findingsOpen());
        assertEquals(KeyHandler.NO_FINDINGS, model.message());
        assertFalse(model.messageIsError(), "not an error: the job simply does not verify");
        List<String> lines = new ScreenRenderer(ZoneOffset.UTC, Palette.NONE).render(model, ScreenRendererTest.HEADER, 120, 10);
        assertTrue(lines.get(9).startsWith("no findings panel: the socket checks run only with --verify "), lines.get(9));
        keys.handle(Key.DOWN, null);
        assertEquals("", model.message(), "the next key clears it");
    }

    @Test
    void vTogglesTheFindingsPanelAndPageKeysScrollIt() {
        model.findingsAvailable(true);
        keys.handle(Key.FINDINGS, "v");
        assertTrue(model.findingsOpen());
        assertEquals("", model.message());
        model.clampFindingsScroll(0, 5); // what the renderer reports: the panel shows 5 lines
        keys.handle(Key.PAGE_DOWN, null);
        assertEquals(4, model.findingsScroll(), "a page of the panel less one line of overlap");
        assertEquals(40, model.selectedPosition(), "the table's selection stays");
        assertTrue(model.following());
        keys.handle(Key.PAGE_UP, null);
        keys.handle(Key.PAGE_UP, null);
        assertEquals(0, model.findingsScroll());
        keys.handle(Key.ENTER, "\r");
        keys.handle(Key.PAGE_DOWN, null);
        assertEquals(10, model.detailScroll(), "with the detail open the page keys scroll the detail");
        assertEquals(0, model.findingsScroll());
        keys.handle(Key.ENTER, "\r");
        keys.handle(Key.FINDINGS, "v");
        assertFalse(model.findingsOpen());
        keys.handle(Key.PAGE_UP, null);
        assertEquals(30, model.selectedPosition(), "closed: the page keys page the table again");
    }

    @Test
    void whileTypingVIsText() {
        model.findingsAvailable(true);
        keys.handle(Key.FILTER, "/");
        keys.handle(Key.FINDINGS, "v");
        assertEquals("v", model.inputText());
        assertFalse(model.findingsOpen());
    }
}
