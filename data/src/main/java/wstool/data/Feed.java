package wstool.data;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One file {@code update} keeps current: where to fetch it (alternatives tried in order, e.g. this month's DB-IP
 * file then last month's, or Spamhaus JSON then text), how it is compressed, how often it may be fetched at most,
 * and how a downloaded copy is checked before it replaces the previous one.
 */
public record Feed(String name, List<Alternative> alternatives, Duration minInterval, long maxBytes, Validator validator) {
    public enum Compression { NONE, GZIP, XZ, TAR_GZ_MMDB }

    /** One place to fetch the feed from and the file name it is stored under in the data dir. */
    public record Alternative(URI uri, String fileName, Compression compression) {}

    /** Opens a downloaded file and says what it holds; throws with a clear message when it is unusable. */
    @FunctionalInterface
    public interface Validator {
        String validate(Path file) throws Exception;
    }

    public Feed {
        alternatives = List.copyOf(alternatives);
        if (alternatives.isEmpty()) throw new IllegalArgumentException("feed " + name + " has no source");
    }
}
