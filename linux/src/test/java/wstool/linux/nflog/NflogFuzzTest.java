package wstool.linux.nflog;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import wstool.linux.netlink.NetlinkFormatException;
import wstool.linux.netlink.NetlinkMessage;
import wstool.linux.netlink.NetlinkMessages;

/** Seeded random mutations of valid datagrams: parsing either succeeds or throws NetlinkFormatException. */
class NflogFuzzTest {
    private static final int ITERATIONS = 20_000;

    @Test
    void mutatedDatagramsNeverEscapeWithOtherExceptions() {
        Random rnd = new Random(0x5eed_8L);
        byte[][] seeds = {
            new NflogMessageBuilder(Nflog.AF_INET, 100).packetHeader(0x0800, 1).timestamp(1_700_000_000L, 5)
                    .be32(Nflog.NFULA_IFINDEX_INDEV, 2).prefix("ws_tool drop").be32(Nflog.NFULA_SEQ, 9)
                    .payload(NflogMessageBuilder.ipv4(6, "10.213.1.2", "10.213.1.1", NflogMessageBuilder.tcp(1, 22, 2)))
                    .build(),
            new NflogMessageBuilder(Nflog.AF_INET6, 100).packetHeader(0x86dd, 3).be32(Nflog.NFULA_UID, 0)
                    .payload(NflogMessageBuilder.ipv6(17, "fd00::1", "fd00::2", NflogMessageBuilder.udp(1, 2, 3)))
                    .build(),
        };
        NflogEventMapper mapper = new NflogEventMapper(i -> null, u -> null);
        int parsed = 0, rejected = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] d = NflogMessageBuilder.concat(seeds[rnd.nextInt(seeds.length)], seeds[rnd.nextInt(seeds.length)]);
            int mutations = 1 + rnd.nextInt(6);
            for (int m = 0; m < mutations && d.length > 0; m++) {
                switch (rnd.nextInt(3)) {
                    case 0 -> d[rnd.nextInt(d.length)] = (byte) rnd.nextInt(256);
                    case 1 -> d[rnd.nextInt(d.length)] ^= (byte) (1 << rnd.nextInt(8));
                    default -> d = java.util.Arrays.copyOf(d, rnd.nextInt(d.length + 1));
                }
            }
            try {
                for (NetlinkMessage msg : NetlinkMessages.split(ByteBuffer.wrap(d))) {
                    if (!NflogParser.isPacket(msg)) continue;
                    try {
                        mapper.map(NflogParser.parse(msg), Instant.EPOCH);
                        parsed++;
                    } catch (NetlinkFormatException e) {
                        rejected++;
                    }
                }
            } catch (NetlinkFormatException e) {
                rejected++;
            }
        }
        assertTrue(parsed > 1000 && rejected > 1000, "parsed " + parsed + ", rejected " + rejected);
    }
}
