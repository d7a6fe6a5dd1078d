package wstool.linux.nflog;

import java.time.Instant;

/**
 * One logged packet as nfnetlink_log delivers it (NFULNL_MSG_PACKET attributes).
 *
 * @param family nfgen_family: AF_INET, AF_INET6, AF_BRIDGE...
 * @param group the log group (nfgen res_id)
 * @param timestamp NFULA_TIMESTAMP, null when the kernel did not include one
 * @param inIfindex NFULA_IFINDEX_INDEV, 0 when absent
 * @param outIfindex NFULA_IFINDEX_OUTDEV, 0 when absent
 * @param prefix NFULA_PREFIX, "" when absent
 * @param uid socket owner uid, -1 when absent
 * @param gid socket owner gid, -1 when absent
 * @param seq NFULA_SEQ instance-local sequence number, -1 when absent
 * @param payload the copied packet bytes starting at the network header (may be empty)
 */
record NflogPacket(int family, int group, int hwProtocol, int hook, long mark, Instant timestamp,
                          int inIfindex, int outIfindex, String prefix, long uid, long gid, long seq,
                          byte[] payload) {
}
