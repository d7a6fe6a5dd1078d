package wstool.etw.live;

/** The evntprov.h constant of EVENT_FILTER_DESCRIPTOR.Type the session uses (Windows SDK). */
final class Evntprov {
    private Evntprov() {
    }

    public static final int EVENT_FILTER_TYPE_EVENT_ID = 0x80000200;
}
