package wstool.siem.ecs;

/** DNS record type names and response codes as ECS writes them ("AAAA", "NXDOMAIN"). */
final class DnsTypes {
    private DnsTypes() {}

    /** IANA DNS RR type mnemonics for the common types, else "TYPEn" (RFC 3597's notation); null when unknown. */
    static String name(int type) {
        return switch (type) {
            case -1 -> null;
            case 1 -> "A";
            case 2 -> "NS";
            case 5 -> "CNAME";
            case 6 -> "SOA";
            case 12 -> "PTR";
            case 15 -> "MX";
            case 16 -> "TXT";
            case 28 -> "AAAA";
            case 33 -> "SRV";
            case 64 -> "SVCB";
            case 65 -> "HTTPS";
            case 255 -> "ANY";
            default -> "TYPE" + type;
        };
    }

    /**
     * The RCODE mnemonic for a status: 0 is NOERROR; Windows reports an RCODE n as DNS_ERROR_RCODE_* = 9000 + n
     * (winerror.h: DNS_ERROR_RCODE_FORMAT_ERROR 9001 ... DNS_ERROR_RCODE_REFUSED 9005). Other statuses (timeouts,
     * Winsock errors) have no RCODE: null.
     */
    static String responseCode(long status) {
        if (status == 0) return "NOERROR";
        if (status < 9001 || status > 9005) return null;
        return switch ((int) (status - 9000)) {
            case 1 -> "FORMERR";
            case 2 -> "SERVFAIL";
            case 3 -> "NXDOMAIN";
            case 4 -> "NOTIMP";
            case 5 -> "REFUSED";
            default -> null;
        };
    }
}
