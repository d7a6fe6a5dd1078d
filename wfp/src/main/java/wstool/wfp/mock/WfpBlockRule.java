package wstool.wfp.mock;

/**
 * One block the mock asks WFP for: the program's connects to (and connections accepted from) a remote, optionally a
 * port and protocol. What WFP can express without a callout driver; see {@link WfpMockSession} for what the program
 * sees.
 *
 * @param address 4 or 16 bytes in network order, or null for every remote (then both address families are blocked)
 * @param prefix CIDR prefix length, or -1 for one address
 * @param port remote port, 0 for any
 * @param protocol IP protocol number (6 TCP, 17 UDP), 0 for any
 */
public record WfpBlockRule(byte[] address, int prefix, int port, int protocol) {
    public WfpBlockRule {
        if (address != null && address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + address.length);
        }
        int max = address == null ? -1 : address.length * 8;
        if (prefix < -1 || prefix > max) throw new IllegalArgumentException("prefix must be -1 to " + max + ", not " + prefix);
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0-65535, not " + port);
        if (protocol != 0 && protocol != 6 && protocol != 17) throw new IllegalArgumentException("protocol must be 0, 6 or 17");
        address = address == null ? null : address.clone();
    }
}
