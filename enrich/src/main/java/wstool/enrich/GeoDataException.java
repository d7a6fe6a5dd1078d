package wstool.enrich;

/** A database file is missing, damaged or of a format this reader does not understand; the message says which. */
public class GeoDataException extends RuntimeException {
    public GeoDataException(String message) { super(message); }

    public GeoDataException(String message, Throwable cause) { super(message, cause); }

    /** "name: problem at byte offset N". */
    public static GeoDataException at(String name, long offset, String problem) {
        return new GeoDataException(name + ": " + problem + " at byte offset " + offset);
    }
}
