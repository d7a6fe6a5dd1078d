package wstool.wfp;

import java.util.Map;

/** Names of the well-known SIDs that carry the same name on every Windows machine (used where no lookup is possible). */
final class WellKnownSids {
    private static final Map<String, String> NAMES = Map.of(
            "S-1-5-18", "NT AUTHORITY\\SYSTEM",
            "S-1-5-19", "NT AUTHORITY\\LOCAL SERVICE",
            "S-1-5-20", "NT AUTHORITY\\NETWORK SERVICE",
            "S-1-0-0", "NULL SID",
            "S-1-1-0", "Everyone");

    private WellKnownSids() {}

    static String name(String sid) { return NAMES.get(sid); }
}
