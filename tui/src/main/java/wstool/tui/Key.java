package wstool.tui;

/** What a key press asks the view to do. */
enum Key {
    UP, DOWN, PAGE_UP, PAGE_DOWN, HOME, END, FOLLOW, PAUSE, FILTER, ESCAPE, ENTER, TOP, FINDINGS, FLOWS, CLEAR, EXPORT, QUIT, BACKSPACE,
    REDRAW, CHAR, IGNORE
}
