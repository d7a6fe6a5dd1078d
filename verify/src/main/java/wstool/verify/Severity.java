package wstool.verify;

/** How bad a finding is. ERROR findings make {@code --verify} exit with status 3. */
public enum Severity {
    ERROR, WARNING, INFO;

    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
