package wstool.etw.etl;

import java.io.IOException;

/** A .etl file is truncated or damaged at {@link #offset()}; events before it were delivered. */
public final class EtlFormatException extends IOException {
    private final long offset;

    public EtlFormatException(long offset, String problem) {
        super(problem + " at byte offset " + offset);
        this.offset = offset;
    }

    public long offset() { return offset; }
}
