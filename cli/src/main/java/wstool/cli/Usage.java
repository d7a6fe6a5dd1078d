package wstool.cli;

import java.util.function.Supplier;

/** The one translation of a backend's bad-value error (IllegalArgumentException, no option named) into a usage error. */
final class Usage {
    private Usage() {}

    /** Runs {@code parse}; its IllegalArgumentException becomes a usage error "OPTION: message". */
    static <T> T option(String option, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    /** As {@link #option} for a check that returns nothing. */
    static void check(String option, Runnable check) {
        option(option, () -> {
            check.run();
            return null;
        });
    }

    /** As {@link #option} for a value that is not one option's (several together, a file's content). */
    static <T> T value(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
