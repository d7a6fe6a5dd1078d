package wstool.verify;

import java.time.Instant;
import wstool.core.model.SocketEvent;

/**
 * The rule of one finding code (WS001-WS009), fed by {@link SocketTracker}'s callbacks; each check listens to the
 * moments of the socket lifecycle its rule is about and ignores the rest. Callbacks come on the verifier's thread,
 * in event order; {@code p} is the socket's process, {@code st} the socket instance.
 */
interface SocketCheck {
    Check code();

    /** Every socket event of a process that has not exited, before the lifecycle is applied ({@code pid} may be the socket owner's). */
    default void onEvent(SocketEvent s, long pid, String process) {}

    /** A captured packet (pktmon, NDIS capture): no socket lifecycle, only its addresses and process. */
    default void onPacket(wstool.core.model.PacketEvent p) {}

    /**
     * A call has ended: a completion (matched to its start or not) or a single event. {@code posted} is the buffer
     * length the caller gave (from the start when there was one), -1 when unknown; {@code st} is null for an event
     * without a socket id.
     */
    default void onCallEnded(SocketEvent s, long pid, String process, SocketState st, long posted) {}

    /** A start delivered after its completion (out of order) claimed that completion. */
    default void onLateStart(ProcessState p, SocketState st, SocketEvent start, SocketState.Orphan completion) {}

    /** A completion without a pending start, from a source that reports starts; kept as an orphan for a late start. */
    default void onCompletionWithoutStart(ProcessState p, SocketState st, SocketEvent s, SocketState.Orphan orphan) {}

    /** A socket id first seen on an operation other than a create (and not a close): created before the trace. */
    default void onFirstSight(ProcessState p, SocketState st, SocketEvent s) {}

    /** An event on an open socket, after the socket's state learned from it. */
    default void onSocketEvent(ProcessState p, SocketState st, SocketEvent s) {}

    /** A create delivered late showed that a socket first seen without one was created in the trace after all. */
    default void onLateCreate(SocketState st) {}

    /** A successful listen. */
    default void onListening(ProcessState p, SocketState st, SocketEvent s) {}

    /**
     * A call, or a second close, on a socket after its close, made at {@code at}; {@code proof} when the event shows
     * the call began after the close (see {@link SocketTracker}).
     */
    default void onUseAfterClose(ProcessState p, SocketState st, Instant at, String call, boolean doubleClose,
                                 boolean proof) {}

    /** The process exited at {@code exit} with this socket, created in the trace, still open. */
    default void onOpenAtExit(ProcessState p, SocketState st, Instant exit) {}

    /** A close of this socket delivered after its process's exit but made before it. */
    default void onClosedBeforeExit(long pid, long socketId) {}

    /** The trace ended at {@code end} with this socket open. */
    default void onOpenAtEnd(ProcessState p, SocketState st, Instant end) {}

    /** Whether this check's findings go into the report (some are only meaningful when the trace shows enough). */
    default boolean reported(Coverage coverage) { return true; }
}
