package wstool.data;

import java.util.List;

/** The credit lines the data licences ask for, printed by {@code doctor} and in the README. */
public final class Attribution {
    private Attribution() {}

    public static final String DBIP = "IP Geolocation by DB-IP (https://db-ip.com), CC BY 4.0";
    public static final String IPFIRE = "IPFire Location database (https://location.ipfire.org), CC BY-SA 4.0";
    public static final String MAXMIND = "This product includes GeoLite2 data created by MaxMind, available from https://www.maxmind.com (CC BY-SA 4.0)";
    public static final String SPAMHAUS = "Spamhaus DROP / ASN-DROP lists (https://www.spamhaus.org/drop/), used under the Spamhaus DROP terms";

    public static List<String> lines() { return List.of(DBIP, IPFIRE, MAXMIND, SPAMHAUS); }
}
