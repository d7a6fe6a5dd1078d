package wstool.wfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import wstool.core.model.Direction;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.Source;
import wstool.core.net.Addresses;

/** Every event type, decoded from memory laid out at the SDK's Windows x64 offsets. */
class NetEventDecoderTest {
    static final Instant T = Instant.parse("2026-11-21T23:59:58.1234567Z");
    static final int ALL_HEADER_FLAGS = WfpConstants.FLAG_IP_PROTOCOL_SET | WfpConstants.FLAG_LOCAL_ADDR_SET
            | WfpConstants.FLAG_REMOTE_ADDR_SET | WfpConstants.FLAG_LOCAL_PORT_SET | WfpConstants.FLAG_REMOTE_PORT_SET
            | WfpConstants.FLAG_APP_ID_SET | WfpConstants.FLAG_USER_ID_SET | WfpConstants.FLAG_IP_VERSION_SET
            | WfpConstants.FLAG_SCOPE_ID_SET | WfpConstants.FLAG_PACKAGE_ID_SET | WfpConstants.FLAG_POLICY_FLAGS_SET;

    final SdkMemory mem = new SdkMemory();

    private SdkMemory.Event v4Event(int version, int type) throws Exception {
        return mem.event(version, type).time(T).flags(ALL_HEADER_FLAGS).ipVersion(0).protocol(6)
                .local(Addresses.parse("10.1.2.3")).remote(Addresses.parse("93.184.216.34"))
                .localPort(50123).remotePort(443).scopeId(3)
                .appId("\\device\\harddiskvolume3\\windows\\system32\\curl.exe")
                .userId("S-1-5-21-1004336348-1177238915-682003330-1001");
    }

    private static FirewallEvent decode(int version, SdkMemory.Event e) {
        return NetEventDecoder.decode(version, e.m).toEvent(Source.WFP, NameResolver.NONE);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void classifyDropEveryVersion(int version) throws Exception {
        long bodySize = version == 0 ? 16 : version == 1 ? 32 : 56;
        SdkMemory.Event e = v4Event(version, 3)
                .body(mem.classify(bodySize, 0x1_0000_0001L, 48, WfpConstants.MS_FWP_DIRECTION_OUT, false));
        if (version >= 2) e.packageSid("S-1-15-2-1");
        if (version >= 3) e.policyFlags(0x42);
        FirewallEvent f = decode(version, e);
        assertEquals(Instant.parse("2026-11-21T23:59:58.1234567Z"), f.header().timestamp());
        assertEquals(Source.WFP, f.header().source());
        assertEquals(6, f.header().ipProtocol());
        assertEquals(Addresses.parse("10.1.2.3"), f.header().local().address()); // host-order UINT32
        assertEquals(50123, f.header().local().port()); // > 32767: unsigned
        assertEquals(Addresses.parse("93.184.216.34"), f.header().remote().address());
        assertEquals(443, f.header().remote().port());
        assertEquals("\\device\\harddiskvolume3\\windows\\system32\\curl.exe", f.header().process());
        assertEquals("S-1-5-21-1004336348-1177238915-682003330-1001", f.header().user());
        assertEquals(FirewallEventType.CLASSIFY_DROP, f.type());
        assertEquals(0x1_0000_0001L, f.filterId());
        assertEquals(48, f.layerId());
        assertEquals(version == 0 ? Direction.UNKNOWN : Direction.OUT, f.direction()); // DROP0 has no direction
        Map<String, String> raw = f.header().raw();
        assertEquals("3", raw.get("header.scopeId"));
        assertEquals("FWP_IP_VERSION_V4", raw.get("header.ipVersion"));
        assertEquals("FWPM_NET_EVENT_TYPE_CLASSIFY_DROP", raw.get("type"));
        assertEquals("4294967297", raw.get("classifyDrop.filterId"));
        assertEquals(version >= 1 ? "MS_FWP_DIRECTION_OUT" : null, raw.get("classifyDrop.msFwpDirection"));
        assertEquals(version >= 2 ? "7" : null, raw.get("classifyDrop.vSwitchSourcePort"));
        assertEquals(version >= 2 ? "S-1-15-2-1" : null, raw.get("header.packageSid"));
        assertEquals(version >= 3 ? "66" : null, raw.get("header.policyFlags"));
    }

    @Test
    void ipv6AndInboundDirections() throws Exception {
        for (int[] dir : new int[][] {{0x3900, 0}, {0x3901, 1}, {0x3902, 2}, {1, 3}, {0, 4}, {0x3903, 5}}) {
            SdkMemory.Event e = mem.event(5, 6).time(T).flags(WfpConstants.FLAG_LOCAL_ADDR_SET
                    | WfpConstants.FLAG_REMOTE_ADDR_SET | WfpConstants.FLAG_IP_VERSION_SET).ipVersion(1)
                    .local(Addresses.parse("2001:db8::1")).remote(Addresses.parse("2001:db8:ffff::2"))
                    .body(mem.classify(32, 5, 54, dir[0], true)); // FLOW_ESTABLISHED_V6: no direction of its own
            FirewallEvent f = decode(5, e);
            assertEquals(FirewallEventType.CLASSIFY_ALLOW, f.type());
            assertEquals(Addresses.parse("2001:db8::1"), f.header().local().address());
            assertEquals(Addresses.parse("2001:db8:ffff::2"), f.header().remote().address());
            assertEquals(new Direction[] {Direction.IN, Direction.OUT, Direction.UNKNOWN, Direction.IN, Direction.UNKNOWN,
                    Direction.UNKNOWN}[dir[1]], f.direction()); // 0: unfilled as often as FWP_DIRECTION_OUTBOUND
            assertEquals(new String[] {"MS_FWP_DIRECTION_IN", "MS_FWP_DIRECTION_OUT", "MS_FWP_DIRECTION_FORWARD",
                    "FWP_DIRECTION_INBOUND", "FWP_DIRECTION_OUTBOUND", "0x3903"}[dir[1]],
                    f.header().raw().get("classifyAllow.msFwpDirection"));
            assertEquals("true", f.header().raw().get("classifyAllow.isLoopback"));
        }
    }

    /**
     * The layer decides when msFwpDirection is 0 or contradicts it: simplewall forces inbound at
     * ALE_AUTH_RECV_ACCEPT (its issue #581: inbound blocks reported as outbound); the raw field is kept.
     */
    @Test
    void layerDecidesDirectionOverAnUnsetOrContradictingField() throws Exception {
        int[][] cases = {{44, 0x3901}, {46, 0}, {12, 0x3901}, {48, 0}, {50, 0x3900}, {4, 1}};
        Direction[] expected = {Direction.IN, Direction.IN, Direction.IN, Direction.OUT, Direction.OUT, Direction.OUT};
        for (int i = 0; i < cases.length; i++) {
            SdkMemory.Event e = v4Event(5, 3).body(mem.classify(56, 9, cases[i][0], cases[i][1], false));
            FirewallEvent f = decode(5, e);
            assertEquals(expected[i], f.direction(), "layer " + cases[i][0] + ", msFwpDirection " + cases[i][1]);
            assertEquals(WfpConstants.msFwpDirectionName(cases[i][1]), f.header().raw().get("classifyDrop.msFwpDirection"));
        }
    }

    @Test
    void ipVersionNoneAndNullPackageSidAreNotMisreported() throws Exception {
        SdkMemory.Event e = mem.event(5, 3).time(T).flags(WfpConstants.FLAG_IP_VERSION_SET
                | WfpConstants.FLAG_PACKAGE_ID_SET).ipVersion(2).packageSid("S-1-0-0")
                .body(mem.classify(56, 9, 44, 0x3900, false));
        FirewallEvent f = decode(5, e);
        assertEquals("FWP_IP_VERSION_NONE", f.header().raw().get("header.ipVersion"));
        assertFalse(f.header().raw().containsKey("header.packageSid"), "S-1-0-0 is no AppContainer package");
    }

    @Test
    void flagsUnsetMeansFieldsAbsent() throws Exception {
        SdkMemory.Event e = v4Event(5, 3).flags(0).body(mem.classify(56, 1, 2, 0x3901, false));
        FirewallEvent f = decode(5, e);
        assertEquals(-1, f.header().ipProtocol());
        assertNull(f.header().local().address());
        assertEquals(-1, f.header().local().port());
        assertNull(f.header().remote().address());
        assertEquals(-1, f.header().remote().port());
        assertNull(f.header().process());
        assertNull(f.header().user());
        assertNull(f.header().raw().get("header.scopeId"));
        assertNull(f.header().raw().get("header.userId"));
        assertEquals("", f.header().raw().get("header.flags"));
        assertEquals(1L, f.filterId()); // the type's own fields are not flag-controlled
    }

    @Test
    void capabilityDropAndAllow() throws Exception {
        for (int type : new int[] {7, 8}) {
            Memory b = mem.alloc(24);
            b.setInt(0, 1);
            b.setLong(8, 777);
            b.setInt(16, 0);
            FirewallEvent f = decode(4, v4Event(4, type).body(b));
            assertEquals(type == 7 ? FirewallEventType.CAPABILITY_DROP : FirewallEventType.CAPABILITY_ALLOW, f.type());
            assertEquals(777L, f.filterId());
            assertEquals(-1, f.layerId());
            assertEquals("FWPM_APPC_NETWORK_CAPABILITY_INTERNET_CLIENT_SERVER", f.rule());
            String member = type == 7 ? "capabilityDrop" : "capabilityAllow";
            assertEquals("false", f.header().raw().get(member + ".isLoopback"));
        }
    }

    @Test
    void classifyDropMac() throws Exception {
        Memory b = mem.alloc(104);
        b.write(0, new byte[] {0, 0x15, 0x5d, 1, 2, 3}, 0, 6);
        b.write(6, new byte[] {(byte) 0xaa, (byte) 0xbb, (byte) 0xcc, (byte) 0xdd, (byte) 0xee, (byte) 0xff}, 0, 6);
        b.setShort(20, (short) 0x86dd);
        b.setShort(32, (short) 12);
        b.setLong(40, 0x0006_0000_0100_0000L);
        b.setLong(48, 4242);
        b.setShort(56, (short) 60);
        b.setInt(72, 0x3900);
        FirewallEvent f = decode(3, mem.event(3, 9).time(T).body(b));
        assertEquals(FirewallEventType.CLASSIFY_DROP_MAC, f.type());
        assertEquals(4242L, f.filterId());
        assertEquals(60, f.layerId());
        assertEquals(Direction.IN, f.direction());
        Map<String, String> raw = f.header().raw();
        assertEquals("00-15-5d-01-02-03", raw.get("classifyDropMac.localMacAddr"));
        assertEquals("aa-bb-cc-dd-ee-ff", raw.get("classifyDropMac.remoteMacAddr"));
        assertEquals("0x86dd", raw.get("classifyDropMac.etherType"));
        assertEquals("12", raw.get("classifyDropMac.vlanTag"));
        assertEquals(Long.toUnsignedString(0x0006_0000_0100_0000L), raw.get("classifyDropMac.ifLuid"));
    }

    @Test
    void ipsecKernelAndDospDrops() throws Exception {
        Memory k = mem.alloc(32);
        k.setInt(0, 0xC0360004);
        k.setInt(4, 1);
        k.setInt(8, 0xdeadbeef);
        k.setLong(16, 99);
        k.setShort(24, (short) 11);
        FirewallEvent kernel = decode(2, v4Event(2, 4).body(k));
        assertEquals(FirewallEventType.IPSEC_KERNEL_DROP, kernel.type());
        assertEquals(Direction.IN, kernel.direction());
        assertEquals(99L, kernel.filterId());
        assertEquals(11, kernel.layerId());
        assertEquals("3735928559", kernel.header().raw().get("ipsecDrop.spi"));
        assertEquals("FWP_DIRECTION_INBOUND", kernel.header().raw().get("ipsecDrop.direction"));
        assertEquals("failureStatus " + 0xC0360004, kernel.rule());

        Memory d = mem.alloc(44);
        d.setInt(0, 0);
        d.setInt(4, 0xC0A80001); // 192.168.0.1
        d.setInt(20, 0x0A000001); // 10.0.0.1
        d.setInt(36, -5);
        d.setInt(40, 0);
        FirewallEvent dosp = decode(1, mem.event(1, 5).time(T).body(d));
        assertEquals(FirewallEventType.IPSEC_DOSP_DROP, dosp.type());
        assertEquals(Direction.OUT, dosp.direction());
        assertEquals("192.168.0.1", dosp.header().raw().get("idpDrop.publicHostAddr"));
        assertEquals("10.0.0.1", dosp.header().raw().get("idpDrop.internalHostAddr"));
        assertEquals("-5", dosp.header().raw().get("idpDrop.failureStatus"));
    }

    @Test
    void ikeFailures() throws Exception {
        Memory mm = mem.alloc(120);
        mm.setInt(0, 13801);
        mm.setInt(4, 1);
        mm.setInt(16, 2);
        mm.setInt(20, 0);
        mm.setInt(24, 3);
        mm.setByte(28, (byte) 0xAB);
        mm.setLong(48, 17);
        mm.setLong(56, 81234);
        FirewallEvent m = decode(4, v4Event(4, 0).body(mm));
        assertEquals(FirewallEventType.IKEEXT_MM_FAILURE, m.type());
        assertEquals(81234L, m.filterId());
        assertEquals("failureErrorCode 13801, failurePoint 1", m.rule());
        assertEquals("17", m.header().raw().get("ikeMmFailure.mmId"));
        assertEquals("ab" + "00".repeat(19), m.header().raw().get("ikeMmFailure.endCertHash"));

        Memory qm = mem.alloc(88);
        qm.setInt(0, 13805);
        qm.setInt(12, 4);
        qm.setInt(20, 1);
        qm.setLong(56, 5555);
        FirewallEvent q = decode(5, v4Event(5, 1).body(qm));
        assertEquals(FirewallEventType.IKEEXT_QM_FAILURE, q.type());
        assertEquals(5555L, q.filterId());
        assertEquals("4", q.header().raw().get("ikeQmFailure.qmState"));
        assertEquals("1", q.header().raw().get("ikeQmFailure.saTrafficType"));

        Memory em = mem.alloc(120);
        em.setInt(0, 13868);
        em.setInt(12, 2);
        em.setLong(48, 8);
        em.setLong(56, 6666);
        FirewallEvent x = decode(1, v4Event(1, 2).body(em));
        assertEquals(FirewallEventType.IKEEXT_EM_FAILURE, x.type());
        assertEquals(6666L, x.filterId());
        assertEquals("2", x.header().raw().get("ikeEmFailure.emState"));
    }

    @Test
    void lpmPacketArrival() throws Exception {
        Memory b = mem.alloc(4);
        b.setInt(0, 0x01020304);
        FirewallEvent f = decode(5, v4Event(5, 10).body(b));
        assertEquals(FirewallEventType.LPM_PACKET_ARRIVAL, f.type());
        assertEquals("16909060", f.header().raw().get("lpmPacketArrival.spi"));
        assertFalse(f.type().isDrop());
    }

    @Test
    void unknownTypeAndHugeBlobRejected() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> decode(5, v4Event(5, 11)));
        SdkMemory.Event e = v4Event(5, 3);
        e.m.setInt(64, 1 << 30);
        assertThrows(IllegalArgumentException.class, () -> decode(5, e));
    }

    /**
     * Seeded random values in every non-pointer byte of header and body (pointers and blob sizes stay valid, as the
     * kernel's always are): decoding either succeeds or throws IllegalArgumentException, never anything else.
     */
    @Test
    void fuzzNumericFields() throws Exception {
        java.util.Random rnd = new java.util.Random(7);
        int decoded = 0;
        for (int i = 0; i < 3000; i++) {
            int version = rnd.nextInt(6);
            int type = rnd.nextInt(14) - 1;
            SdkMemory.Event e = v4Event(version, type);
            byte[] noise = new byte[64];
            rnd.nextBytes(noise);
            e.m.write(8, noise, 0, 56); // flags .. scopeId (offsets 8..63), before appId
            Memory body = mem.alloc(128);
            byte[] b = new byte[128];
            rnd.nextBytes(b);
            body.write(0, b, 0, b.length);
            e.body(rnd.nextInt(10) == 0 ? null : body);
            try {
                decode(version, e);
                decoded++;
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage() != null);
            }
            mem.blocks.clear();
        }
        assertTrue(decoded > 1000, "most random events decode: " + decoded);
    }

    @Test
    void nullBodyKeepsHeader() throws Exception {
        FirewallEvent f = decode(5, v4Event(5, 3));
        assertEquals(-1L, f.filterId());
        assertEquals(443, f.header().remote().port());
    }
}
