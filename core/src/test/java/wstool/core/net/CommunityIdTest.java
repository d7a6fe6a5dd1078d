package wstool.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Community ID v1 against the published baseline: corelight/community-id-spec, baseline/baseline_deflt.json (seed 0,
 * base64), every port-based entry of it, in both directions as the baseline lists them.
 */
class CommunityIdTest {
    @ParameterizedTest
    @CsvSource({
            "6, 2001:470:e5bf:dead:4957:2174:e82c:4887, 2607:f8b0:400c:c03::1a, 63943, 25, 1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=",
            "6, 2607:f8b0:400c:c03::1a, 2001:470:e5bf:dead:4957:2174:e82c:4887, 25, 63943, 1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=",
            "132, 192.168.170.8, 192.168.170.56, 7, 7, 1:MP2EtRCAUIZvTw6MxJHLV7N7JDs=",
            "132, 192.168.170.56, 192.168.170.8, 7, 7, 1:MP2EtRCAUIZvTw6MxJHLV7N7JDs=",
            "6, 128.232.110.120, 66.35.250.204, 34855, 80, 1:LQU9qZlK+B5F3KDmev6m5PMibrg=",
            "6, 66.35.250.204, 128.232.110.120, 80, 34855, 1:LQU9qZlK+B5F3KDmev6m5PMibrg=",
            "17, 192.168.1.52, 8.8.8.8, 54585, 53, 1:d/FP5EW3wiY1vCndhwleRRKHowQ=",
            "17, 8.8.8.8, 192.168.1.52, 53, 54585, 1:d/FP5EW3wiY1vCndhwleRRKHowQ="})
    void matchesTheSpecBaseline(int proto, String saddr, String daddr, int sport, int dport, String expected) {
        assertEquals(expected, CommunityId.of(proto, Addresses.parse(saddr), sport, Addresses.parse(daddr), dport));
    }

    @Test
    void flowsItIsNotDefinedForHereGetNone() {
        assertNull(CommunityId.of(1, Addresses.parse("192.168.0.89"), 8, Addresses.parse("192.168.0.1"), 0),
                "ICMP needs type and code, which the events do not carry");
        assertNull(CommunityId.of(6, Addresses.parse("10.0.0.1"), -1, Addresses.parse("10.0.0.2"), 80), "unknown port");
        assertNull(CommunityId.of(6, Addresses.parse("10.0.0.1"), 1, Addresses.parse("::1"), 80), "mixed families");
    }
}
