package wstool.tui;

import java.util.function.IntSupplier;

/**
 * Applies a key to the model. In filter input mode printable keys are text (so "q" types a q); elsewhere they are
 * commands. Pure apart from the two callbacks, and run on the render thread only.
 */
final class KeyHandler {
    static final String NO_FINDINGS = "no findings panel: the socket checks run only with --verify";
    static final String NO_FLOWS = "no flows list: flows are folded by the correlation (monitor, trace)";
    private final TuiModel model;
    private final IntSupplier pageSize;
    private final Runnable export;
    private final Runnable quit;

    KeyHandler(TuiModel model, IntSupplier pageSize, Runnable export, Runnable quit) {
        this.model = model;
        this.pageSize = pageSize;
        this.export = export;
        this.quit = quit;
    }

    /** @param text the characters the key produced (for CHAR and for printable command keys while typing) */
    void handle(Key key, String text) {
        if (model.editingFilter()) {
            switch (key) {
                case ENTER: model.submitInput(); return;
                case ESCAPE: model.cancelInput(); model.setMessage("", false); return;
                case BACKSPACE: model.backspace(); return;
                case QUIT:
                    if ("\u0003".equals(text)) quit.run();
                    else typeText(text);
                    return;
                default:
                    typeText(text);
                    return;
            }
        }
        model.setMessage("", false);
        int page = Math.max(1, pageSize.getAsInt() - 1);
        if (model.flowsShown() && flowKey(key, page)) return;
        switch (key) {
            case UP: model.move(-1); break;
            case DOWN: model.move(1); break;
            case PAGE_UP:
                if (model.detailOpen()) model.scrollDetail(-page);
                else if (model.findingsOpen()) model.scrollFindings(-1);
                else model.move(-page);
                break;
            case PAGE_DOWN:
                if (model.detailOpen()) model.scrollDetail(page);
                else if (model.findingsOpen()) model.scrollFindings(1);
                else model.move(page);
                break;
            case HOME: model.home(); break;
            case END: model.end(); break;
            case FOLLOW: model.toggleFollow(); break;
            case PAUSE: model.togglePause(); break;
            case FILTER: model.startFilterInput(); break;
            case ESCAPE:
                if (model.detailOpen()) model.toggleDetail();
                else model.clearFilter();
                break;
            case ENTER: model.toggleDetail(); break;
            case TOP: model.toggleTopPanel(); break;
            case FINDINGS:
                if (!model.toggleFindings()) model.setMessage(NO_FINDINGS, false);
                break;
            case FLOWS:
                if (!model.toggleFlows()) model.setMessage(NO_FLOWS, false);
                break;
            case CLEAR: model.clear(); break;
            case EXPORT: export.run(); break;
            case QUIT: quit.run(); break;
            default: break;
        }
    }

    /** The keys that act on the flows list while it is shown; false for the others (they act as always). */
    private boolean flowKey(Key key, int page) {
        switch (key) {
            case UP: model.moveFlow(-1); return true;
            case DOWN: model.moveFlow(1); return true;
            case PAGE_UP: model.moveFlow(-page); return true;
            case PAGE_DOWN: model.moveFlow(page); return true;
            case HOME: model.firstFlow(); return true;
            case END: model.lastFlow(); return true;
            default: return false;
        }
    }

    private void typeText(String text) {
        if (text == null) return;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != 0x7f) model.typed(c);
        }
    }
}
