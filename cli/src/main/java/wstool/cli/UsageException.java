package wstool.cli;

/** A bad option value found after parsing (e.g. an invalid CIDR in --exclude): exit code 2, like a parse error. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) { super(message); }
}
