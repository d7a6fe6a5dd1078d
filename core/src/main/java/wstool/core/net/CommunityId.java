package wstool.core.net;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Community ID flow hash, version 1 (https://github.com/corelight/community-id-spec), seed 0, for the port-based
 * transports (TCP, UDP, SCTP): "1:" + base64(sha1(seed, lower endpoint address, higher endpoint address, protocol,
 * 0, lower port, higher port)), the lower endpoint being the smaller (address, port) pair. ICMP needs type and
 * code, which the events do not carry, so it gets none.
 */
public final class CommunityId {
    private CommunityId() {}

    /** @return the ID, or null when the flow is not one it is defined for here */
    public static String of(int protocol, InetAddress a, int aPort, InetAddress b, int bPort) {
        if (a == null || b == null || aPort < 0 || bPort < 0) return null;
        if (protocol != 6 && protocol != 17 && protocol != 132) return null;
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) return null;
        if (compare(x, aPort, y, bPort) > 0) {
            byte[] t = x; x = y; y = t;
            int p = aPort; aPort = bPort; bPort = p;
        }
        ByteBuffer buf = ByteBuffer.allocate(2 + x.length * 2 + 2 + 4);
        buf.putShort((short) 0).put(x).put(y).put((byte) protocol).put((byte) 0)
                .putShort((short) aPort).putShort((short) bPort);
        try {
            return "1:" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(buf.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-1", e);
        }
    }

    private static int compare(byte[] x, int xPort, byte[] y, int yPort) {
        for (int i = 0; i < x.length; i++) {
            int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
            if (c != 0) return c;
        }
        return Integer.compare(xPort, yPort);
    }
}
