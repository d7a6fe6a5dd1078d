package wstool.verify;

/**
 * Whether a check could run on the events seen, and why not when it could not (e.g. no Winsock-AFD events: no
 * socket lifecycle to check).
 */
public record CheckStatus(Check check, boolean ran, String reason) {}
