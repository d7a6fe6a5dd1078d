package wstool.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

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
}
