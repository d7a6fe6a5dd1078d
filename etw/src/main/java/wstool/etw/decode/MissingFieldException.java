package wstool.etw.decode;

/**
 * A field a decoder needs is not in the event: its schema does not declare it, or the payload ends before it.
 * {@link EventDecoder} turns it into a RawEvent whose {@code raw.decodeProblem} is this message, so a layout that
 * does not match is reported, never filled with a default.
 */
final class MissingFieldException extends RuntimeException {
    MissingFieldException(String message) { super(message, null, false, false); }
}
