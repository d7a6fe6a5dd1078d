package wstool.wfp;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;
import wstool.core.model.FirewallEventType;
import wstool.core.net.Addresses;
import wstool.wfp.fwpu.FwpTypes.*;

/**
 * Copies one FWPM_NET_EVENTn (n = 0..5) out of native memory into a {@link WfpEventData}. Header fields are taken
 * only when their FWPM_NET_EVENT_FLAG_* bit is set; IPv4 addresses are UINT32 in host byte order, IPv6 16 bytes in
 * network order; the time stamp is a UTC FILETIME. Raw field names match what netsh writes, so live and imported
 * events look the same.
 * <p>
 * Verified here against memory laid out at the SDK's Windows x64 offsets (tests); not yet run against a live
 * Windows kernel's events outside the CI smoke test.
 */
public final class NetEventDecoder {
    /** Longest app id / blob copied (the kernel's paths are far shorter; a larger size means corrupt memory). */
    static final int MAX_BLOB = 64 * 1024;
    private static final long FILETIME_UNIX_EPOCH = 116_444_736_000_000_000L;

    private NetEventDecoder() {}

    /** @param version the n of FWPM_NET_EVENTn the pointer refers to */
    public static WfpEventData decode(int version, Pointer event) {
        if (version < 0 || version > 5) throw new IllegalArgumentException("no FWPM_NET_EVENT" + version);
        WfpEventData d = new WfpEventData();
        // HEADER0..3 share their first fields (timeStamp..userId) at the same offsets
        FWPM_NET_EVENT_HEADER0 h = Structure.newInstance(FWPM_NET_EVENT_HEADER0.class, event);
        h.read();
        readHeader(h, d);
        if (version >= 2) {
            FWPM_NET_EVENT_HEADER2 h2 = Structure.newInstance(FWPM_NET_EVENT_HEADER2.class, event);
            h2.read();
            d.put("header.addressFamily", h2.addressFamily == 0 ? "FWP_AF_INET" : h2.addressFamily == 1 ? "FWP_AF_INET6"
                    : h2.addressFamily == 2 ? "FWP_AF_ETHER" : "FWP_AF_NONE");
            if (d.has(WfpConstants.FLAG_PACKAGE_ID_SET) && h2.packageSid != null) {
                String pkg = sid(h2.packageSid);
                // S-1-0-0 (the NULL SID) is what non-AppContainer processes carry: not a package
                if (!WfpConstants.NULL_SID.equals(pkg)) d.put("header.packageSid", pkg);
            }
        }
        if (version >= 3) {
            FWPM_NET_EVENT_HEADER3 h3 = Structure.newInstance(FWPM_NET_EVENT_HEADER3.class, event);
            h3.read();
            if (d.has(WfpConstants.FLAG_ENTERPRISE_ID_SET) && h3.enterpriseId != null) {
                d.put("header.enterpriseId", utf16z(h3.enterpriseId));
            }
            if (d.has(WfpConstants.FLAG_POLICY_FLAGS_SET)) d.put("header.policyFlags", Long.toUnsignedString(h3.policyFlags));
            if (d.has(WfpConstants.FLAG_EFFECTIVE_NAME_SET)) d.put("header.effectiveName", utf16(h3.effectiveName));
        }
        int type;
        Pointer body;
        Structure ev = Structure.newInstance(eventClass(version), event);
        ev.read();
        type = (Integer) ev.readField("type");
        body = (Pointer) ev.readField("union");
        if (type < 0 || type >= WfpConstants.TYPES.size()) throw new IllegalArgumentException("unknown net event type " + type);
        d.type = WfpConstants.TYPES.get(type);
        d.put("type", WfpConstants.typeName(d.type));
        if (body != null) readBody(version, d.type, WfpConstants.UNION_MEMBERS.get(type), body, d);
        return d;
    }

    private static Class<? extends Structure> eventClass(int version) {
        switch (version) {
            case 0: return FWPM_NET_EVENT0.class;
            case 1: return FWPM_NET_EVENT1.class;
            case 2: return FWPM_NET_EVENT2.class;
            case 3: return FWPM_NET_EVENT3.class;
            case 4: return FWPM_NET_EVENT4.class;
            default: return FWPM_NET_EVENT5.class;
        }
    }

    private static void readHeader(FWPM_NET_EVENT_HEADER0 h, WfpEventData d) {
        d.timestamp = fileTime(h.timeStamp.dwHighDateTime, h.timeStamp.dwLowDateTime);
        d.flags = h.flags;
        StringJoiner names = new StringJoiner("|");
        for (int bit = 0; bit < WfpConstants.FLAG_NAMES.size(); bit++) {
            if ((h.flags & (1 << bit)) != 0) names.add(WfpConstants.FLAG_NAMES.get(bit));
        }
        d.put("header.flags", names.toString());
        boolean v6 = h.ipVersion == WfpConstants.FWP_IP_VERSION_V6;
        if (d.has(WfpConstants.FLAG_IP_VERSION_SET)) d.put("header.ipVersion", WfpConstants.ipVersionName(h.ipVersion));
        if (d.has(WfpConstants.FLAG_IP_PROTOCOL_SET)) d.ipProtocol = h.ipProtocol & 0xFF;
        if (d.has(WfpConstants.FLAG_LOCAL_ADDR_SET)) d.localAddr = address(h.localAddr, v6);
        if (d.has(WfpConstants.FLAG_REMOTE_ADDR_SET)) d.remoteAddr = address(h.remoteAddr, v6);
        if (d.has(WfpConstants.FLAG_LOCAL_PORT_SET)) d.localPort = h.localPort & 0xFFFF;
        if (d.has(WfpConstants.FLAG_REMOTE_PORT_SET)) d.remotePort = h.remotePort & 0xFFFF;
        if (d.has(WfpConstants.FLAG_SCOPE_ID_SET)) d.put("header.scopeId", Integer.toUnsignedString(h.scopeId));
        if (d.has(WfpConstants.FLAG_APP_ID_SET)) d.appId = utf16(h.appId);
        if (d.has(WfpConstants.FLAG_USER_ID_SET) && h.userId != null) {
            d.userSid = sid(h.userId);
            d.put("header.userId", d.userSid);
        }
    }

    /** Reads one event type's union member (FWPM_NET_EVENT_CLASSIFY_DROPn, ...) at {@code body} into {@code d}. */
    @FunctionalInterface
    private interface BodyReader {
        void read(int version, String member, Pointer body, WfpEventData d);
    }

    /** One reader per event type; a type without one (none today) keeps only its header. */
    private static final Map<FirewallEventType, BodyReader> BODY_READERS = new EnumMap<>(Map.ofEntries(
            Map.entry(FirewallEventType.CLASSIFY_DROP, NetEventDecoder::classifyDrop),
            Map.entry(FirewallEventType.CLASSIFY_ALLOW, NetEventDecoder::classifyAllow),
            Map.entry(FirewallEventType.CLASSIFY_DROP_MAC, NetEventDecoder::classifyDropMac),
            Map.entry(FirewallEventType.CAPABILITY_DROP, NetEventDecoder::capability),
            Map.entry(FirewallEventType.CAPABILITY_ALLOW, NetEventDecoder::capability),
            Map.entry(FirewallEventType.IPSEC_KERNEL_DROP, NetEventDecoder::ipsecKernelDrop),
            Map.entry(FirewallEventType.IPSEC_DOSP_DROP, NetEventDecoder::ipsecDospDrop),
            Map.entry(FirewallEventType.IKEEXT_MM_FAILURE, NetEventDecoder::ikeMainModeFailure),
            Map.entry(FirewallEventType.IKEEXT_QM_FAILURE, NetEventDecoder::ikeQuickModeFailure),
            Map.entry(FirewallEventType.IKEEXT_EM_FAILURE, NetEventDecoder::ikeExtendedModeFailure),
            Map.entry(FirewallEventType.LPM_PACKET_ARRIVAL, NetEventDecoder::lpmPacketArrival)));

    private static void readBody(int version, FirewallEventType type, String member, Pointer p, WfpEventData d) {
        BodyReader reader = BODY_READERS.get(type);
        if (reader != null) reader.read(version, member, p, d);
    }

    /** CLASSIFY_DROP0 (ids only), 1 (+ classify fields), 2 and later (+ vSwitch ports). */
    private static void classifyDrop(int version, String member, Pointer p, WfpEventData d) {
        if (version == 0) {
            FWPM_NET_EVENT_CLASSIFY_DROP0 s = read(FWPM_NET_EVENT_CLASSIFY_DROP0.class, p);
            ids(d, member, s.filterId, s.layerId);
        } else if (version == 1) {
            FWPM_NET_EVENT_CLASSIFY_DROP1 s = read(FWPM_NET_EVENT_CLASSIFY_DROP1.class, p);
            ids(d, member, s.filterId, s.layerId);
            classify(d, member, s.reauthReason, s.originalProfile, s.currentProfile, s.msFwpDirection, s.isLoopback);
        } else {
            FWPM_NET_EVENT_CLASSIFY_DROP2 s = read(FWPM_NET_EVENT_CLASSIFY_DROP2.class, p);
            ids(d, member, s.filterId, s.layerId);
            classify(d, member, s.reauthReason, s.originalProfile, s.currentProfile, s.msFwpDirection, s.isLoopback);
            d.put(member + ".vSwitchSourcePort", Integer.toUnsignedString(s.vSwitchSourcePort));
            d.put(member + ".vSwitchDestinationPort", Integer.toUnsignedString(s.vSwitchDestinationPort));
        }
    }

    private static void classifyAllow(int version, String member, Pointer p, WfpEventData d) {
        FWPM_NET_EVENT_CLASSIFY_ALLOW0 s = read(FWPM_NET_EVENT_CLASSIFY_ALLOW0.class, p);
        ids(d, member, s.filterId, s.layerId);
        classify(d, member, s.reauthReason, s.originalProfile, s.currentProfile, s.msFwpDirection, s.isLoopback);
    }

    private static void classifyDropMac(int version, String member, Pointer p, WfpEventData d) {
        FWPM_NET_EVENT_CLASSIFY_DROP_MAC0 s = read(FWPM_NET_EVENT_CLASSIFY_DROP_MAC0.class, p);
        ids(d, member, s.filterId, s.layerId);
        classify(d, member, s.reauthReason, s.originalProfile, s.currentProfile, s.msFwpDirection, s.isLoopback);
        d.put(member + ".localMacAddr", mac(s.localMacAddr));
        d.put(member + ".remoteMacAddr", mac(s.remoteMacAddr));
        d.put(member + ".etherType", String.format("0x%04x", s.etherType & 0xFFFF));
        d.put(member + ".vlanTag", s.vlanTag & 0xFFFF);
        d.put(member + ".ifLuid", Long.toUnsignedString(s.ifLuid));
    }

    /** CAPABILITY_DROP0 and CAPABILITY_ALLOW0 have the same layout. */
    private static void capability(int version, String member, Pointer p, WfpEventData d) {
        FWPM_NET_EVENT_CAPABILITY_DROP0 s = read(FWPM_NET_EVENT_CAPABILITY_DROP0.class, p);
        d.filterId = s.filterId;
        d.put(member + ".filterId", Long.toUnsignedString(s.filterId));
        String cap = capability(s.networkCapabilityId);
        d.put(member + ".networkCapabilityId", cap);
        d.put(member + ".isLoopback", s.isLoopback != 0);
        d.rule = cap;
    }

    private static void ipsecKernelDrop(int version, String member, Pointer p, WfpEventData d) {
        FWPM_NET_EVENT_IPSEC_KERNEL_DROP0 s = read(FWPM_NET_EVENT_IPSEC_KERNEL_DROP0.class, p);
        ids(d, member, s.filterId, s.layerId);
        d.direction = WfpConstants.fwpDirection(s.direction);
        d.put(member + ".failureStatus", s.failureStatus);
        d.put(member + ".direction", fwpDirectionName(s.direction));
        d.put(member + ".spi", Integer.toUnsignedString(s.spi));
        d.rule = "failureStatus " + s.failureStatus;
    }

    private static void ipsecDospDrop(int version, String member, Pointer p, WfpEventData d) {
        FWPM_NET_EVENT_IPSEC_DOSP_DROP0 s = read(FWPM_NET_EVENT_IPSEC_DOSP_DROP0.class, p);
        boolean v6 = s.ipVersion == WfpConstants.FWP_IP_VERSION_V6;
        d.put(member + ".publicHostAddr", Addresses.text(address(s.publicHostAddr, v6)));
        d.put(member + ".internalHostAddr", Addresses.text(address(s.internalHostAddr, v6)));
        d.put(member + ".failureStatus", s.failureStatus);
        d.put(member + ".direction", fwpDirectionName(s.direction));
        d.direction = WfpConstants.fwpDirection(s.direction);
        d.rule = "failureStatus " + s.failureStatus;
    }

    /** MM_FAILURE1/2 only append fields to MM_FAILURE0. */
    private static void ikeMainModeFailure(int version, String member, Pointer p, WfpEventData d) {
        FWPM_NET_EVENT_IKEEXT_MM_FAILURE0 s = read(FWPM_NET_EVENT_IKEEXT_MM_FAILURE0.class, p);
        d.filterId = s.mmFilterId;
        d.put(member + ".failureErrorCode", Integer.toUnsignedString(s.failureErrorCode));
        d.put(member + ".failurePoint", s.failurePoint);
        d.put(member + ".mmState", s.mmState);
        d.put(member + ".saRole", s.saRole);
        d.put(member + ".mmAuthMethod", s.mmAuthMethod);
        d.put(member + ".endCertHash", HexFormat.of().formatHex(s.endCertHash));
        d.put(member + ".mmId", Long.toUnsignedString(s.mmId));
        d.put(member + ".mmFilterId", Long.toUnsignedString(s.mmFilterId));
        d.rule = ikeRule(s.failureErrorCode, s.failurePoint);
    }

    private static void ikeQuickModeFailure(int version, String member, Pointer p, WfpEventData d) {
        FWPM_NET_EVENT_IKEEXT_QM_FAILURE0 s = read(FWPM_NET_EVENT_IKEEXT_QM_FAILURE0.class, p);
        d.filterId = s.qmFilterId;
        d.put(member + ".failureErrorCode", Integer.toUnsignedString(s.failureErrorCode));
        d.put(member + ".failurePoint", s.failurePoint);
        d.put(member + ".qmState", s.qmState);
        d.put(member + ".saRole", s.saRole);
        d.put(member + ".saTrafficType", s.saTrafficType);
        d.put(member + ".qmFilterId", Long.toUnsignedString(s.qmFilterId));
        d.rule = ikeRule(s.failureErrorCode, s.failurePoint);
    }

    private static void ikeExtendedModeFailure(int version, String member, Pointer p, WfpEventData d) {
        FWPM_NET_EVENT_IKEEXT_EM_FAILURE0 s = read(FWPM_NET_EVENT_IKEEXT_EM_FAILURE0.class, p);
        d.filterId = s.qmFilterId;
        d.put(member + ".failureErrorCode", Integer.toUnsignedString(s.failureErrorCode));
        d.put(member + ".failurePoint", s.failurePoint);
        d.put(member + ".emState", s.emState);
        d.put(member + ".saRole", s.saRole);
        d.put(member + ".emAuthMethod", s.emAuthMethod);
        d.put(member + ".mmId", Long.toUnsignedString(s.mmId));
        d.put(member + ".qmFilterId", Long.toUnsignedString(s.qmFilterId));
        d.rule = ikeRule(s.failureErrorCode, s.failurePoint);
    }

    private static void lpmPacketArrival(int version, String member, Pointer p, WfpEventData d) {
        FWPM_NET_EVENT_LPM_PACKET_ARRIVAL0 s = read(FWPM_NET_EVENT_LPM_PACKET_ARRIVAL0.class, p);
        d.put(member + ".spi", Integer.toUnsignedString(s.spi));
    }

    private static <T extends Structure> T read(Class<T> cls, Pointer p) {
        T s = Structure.newInstance(cls, p);
        s.read();
        return s;
    }

    private static void ids(WfpEventData d, String member, long filterId, short layerId) {
        d.filterId = filterId;
        d.layerId = layerId & 0xFFFF;
        d.put(member + ".filterId", Long.toUnsignedString(filterId));
        d.put(member + ".layerId", d.layerId);
    }

    private static void classify(WfpEventData d, String member, int reauth, int original, int current, int direction,
                                 int loopback) {
        d.direction = WfpLayers.classify(d.layerId, WfpConstants.msFwpDirection(direction));
        if (d.has(WfpConstants.FLAG_REAUTH_REASON_SET)) d.put(member + ".reauthReason", Integer.toUnsignedString(reauth));
        d.put(member + ".originalProfile", Integer.toUnsignedString(original));
        d.put(member + ".currentProfile", Integer.toUnsignedString(current));
        d.put(member + ".msFwpDirection", WfpConstants.msFwpDirectionName(direction));
        d.put(member + ".isLoopback", loopback != 0);
    }

    private static String ikeRule(int code, int point) {
        return "failureErrorCode " + Integer.toUnsignedString(code) + ", failurePoint " + point;
    }

    private static String fwpDirectionName(int v) {
        return v == WfpConstants.FWP_DIRECTION_INBOUND ? "FWP_DIRECTION_INBOUND"
                : v == WfpConstants.FWP_DIRECTION_OUTBOUND ? "FWP_DIRECTION_OUTBOUND" : String.valueOf(v);
    }

    private static String capability(int id) {
        return switch (id) {
            case 0 -> "FWPM_APPC_NETWORK_CAPABILITY_INTERNET_CLIENT";
            case 1 -> "FWPM_APPC_NETWORK_CAPABILITY_INTERNET_CLIENT_SERVER";
            case 2 -> "FWPM_APPC_NETWORK_CAPABILITY_INTERNET_PRIVATE_NETWORK";
            default -> String.valueOf(id);
        };
    }

    /** The UINT32 arm holds IPv4 in host byte order (its numeric value is a.b.c.d); the 16-byte arm is IPv6. */
    static InetAddress address(Addr a, boolean v6) {
        return v6 ? Addresses.fromBytes(a.v6.clone()) : Addresses.ipv4(a.v4);
    }

    /** FILETIME: 100 ns ticks since 1601-01-01 UTC. */
    static Instant fileTime(int high, int low) {
        long ticks = ((long) high << 32) | (low & 0xFFFFFFFFL);
        long sinceUnix = ticks - FILETIME_UNIX_EPOCH;
        return Instant.ofEpochSecond(Math.floorDiv(sinceUnix, 10_000_000L), Math.floorMod(sinceUnix, 10_000_000L) * 100);
    }

    /** UTF-16LE text of a blob, up to the first NUL. */
    static String utf16(FWP_BYTE_BLOB b) {
        if (b.data == null || b.size == 0) return null;
        if (b.size < 0 || b.size > MAX_BLOB) throw new IllegalArgumentException("blob size " + Integer.toUnsignedString(b.size) + " out of range");
        String s = new String(b.data.getByteArray(0, b.size & ~1), StandardCharsets.UTF_16LE);
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }

    /**
     * A NUL-terminated UTF-16LE string (Windows wchar_t is 2 bytes; JNA's getWideString uses the host's wchar_t, 4
     * bytes on Linux, so it is not used). At most {@link #MAX_BLOB} bytes are read.
     */
    static String utf16z(Pointer p) {
        if (p == null) return null;
        StringBuilder sb = new StringBuilder();
        for (long off = 0; off < MAX_BLOB; off += 2) {
            char c = (char) p.getShort(off);
            if (c == 0) return sb.toString();
            sb.append(c);
        }
        throw new IllegalArgumentException("string longer than " + MAX_BLOB / 2 + " characters or not terminated");
    }

    /** A binary SID as S-1-... (revision, 6-byte big-endian authority, little-endian sub-authorities). */
    static String sid(Pointer p) {
        int revision = p.getByte(0) & 0xFF;
        int count = p.getByte(1) & 0xFF;
        if (count > 15) throw new IllegalArgumentException("SID with " + count + " sub-authorities");
        long authority = 0;
        for (int i = 0; i < 6; i++) authority = (authority << 8) | (p.getByte(2 + i) & 0xFF);
        StringBuilder sb = new StringBuilder("S-").append(revision).append('-');
        sb.append(authority < (1L << 32) ? Long.toString(authority) : String.format("0x%012X", authority));
        for (int i = 0; i < count; i++) sb.append('-').append(Integer.toUnsignedString(p.getInt(8 + 4L * i)));
        return sb.toString();
    }

    private static String mac(byte[] b) {
        StringJoiner j = new StringJoiner("-");
        for (byte x : b) j.add(String.format("%02x", x & 0xFF));
        return j.toString();
    }
}
