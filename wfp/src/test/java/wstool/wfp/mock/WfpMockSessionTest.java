package wstool.wfp.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.platform.win32.Guid.GUID;
import java.util.List;
import org.junit.jupiter.api.Test;
import wstool.win32.PrivilegeException;
import wstool.win32.WindowsApiException;

/** The dynamic session's call sequence and filter structures through the fake fwpuclnt, and every exit path. */
class WfpMockSessionTest {
    static final GUID SUBLAYER = new GUID("{5d3c7a1e-0b6f-4c2e-9a11-7773aa000001}");
    static final byte[] V4 = {10, (byte) 223, 1, 2};

    @Test
    void oneTransactionAddsTheSublayerAndAConnectAndAcceptBlockPerFamily() {
        FakeWfpMockApi api = new FakeWfpMockApi();
        try (WfpMockSession s = WfpMockSession.open(api, "C:\\Tools\\client.exe", SUBLAYER,
                List.of(new WfpBlockRule(V4, -1, 7000, 6), new WfpBlockRule(null, -1, 53, 17)))) {
            assertEquals(List.of(1001L, 1002L, 1003L, 1004L, 1005L, 1006L), s.filterIds());
        }
        assertEquals(WfpMockSession.FWPM_SESSION_FLAG_DYNAMIC, api.sessionFlags);
        assertEquals(0xffff, api.subLayerWeight);
        assertEquals(List.of("FwpmEngineOpen0", "FwpmGetAppIdFromFileName0", "FwpmTransactionBegin0", "FwpmSubLayerAdd0",
                "FwpmFilterAdd0", "FwpmFilterAdd0", "FwpmFilterAdd0", "FwpmFilterAdd0", "FwpmFilterAdd0", "FwpmFilterAdd0",
                "FwpmTransactionCommit0", "FwpmFreeMemory0(appId)", "FwpmEngineClose0"), api.calls);
        assertEquals(List.of(
                "CONNECT_V4 action=0x1001 APP_ID=appId REMOTE_ADDRESS=u32:0x0adf0102 REMOTE_PORT=u16:7000 PROTOCOL=u8:6",
                "RECV_ACCEPT_V4 action=0x1001 APP_ID=appId REMOTE_ADDRESS=u32:0x0adf0102 REMOTE_PORT=u16:7000 PROTOCOL=u8:6",
                "CONNECT_V4 action=0x1001 APP_ID=appId REMOTE_PORT=u16:53 PROTOCOL=u8:17",
                "RECV_ACCEPT_V4 action=0x1001 APP_ID=appId REMOTE_PORT=u16:53 PROTOCOL=u8:17",
                "CONNECT_V6 action=0x1001 APP_ID=appId REMOTE_PORT=u16:53 PROTOCOL=u8:17",
                "RECV_ACCEPT_V6 action=0x1001 APP_ID=appId REMOTE_PORT=u16:53 PROTOCOL=u8:17"), api.filters);
    }

    @Test
    void cidrsBecomeAddressAndMaskValues() {
        FakeWfpMockApi api = new FakeWfpMockApi();
        byte[] v6 = new byte[16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[2] = 0x0d;
        v6[3] = (byte) 0xb8;
        byte[] one = v6.clone();
        one[15] = 1;
        WfpMockSession.open(api, "client.exe", SUBLAYER, List.of(new WfpBlockRule(new byte[] {10, 0, 0, 0}, 8, 0, 0),
                new WfpBlockRule(v6, 32, 0, 0), new WfpBlockRule(one, -1, 0, 0))).close();
        assertEquals("CONNECT_V4 action=0x1001 APP_ID=appId REMOTE_ADDRESS=v4mask:0x0a000000/0xff000000", api.filters.get(0));
        assertEquals("CONNECT_V6 action=0x1001 APP_ID=appId REMOTE_ADDRESS=v6mask:20010db8000000000000000000000000/32", api.filters.get(2));
        assertEquals("CONNECT_V6 action=0x1001 APP_ID=appId REMOTE_ADDRESS=v6:20010db8000000000000000000000001", api.filters.get(4));
    }

    @Test
    void aFailedFilterAbortsTheTransactionAndClosesTheEngine() {
        FakeWfpMockApi api = new FakeWfpMockApi();
        api.failures.put("FwpmFilterAdd0#2", 0x80320035);
        WindowsApiException e = assertThrows(WindowsApiException.class, () -> WfpMockSession.open(api, "client.exe", SUBLAYER,
                List.of(new WfpBlockRule(V4, -1, 0, 0))));
        assertEquals("ws_tool mock: FwpmFilterAdd0 failed with error 0x80320035", e.getMessage());
        assertEquals(List.of("FwpmEngineOpen0", "FwpmGetAppIdFromFileName0", "FwpmTransactionBegin0", "FwpmSubLayerAdd0",
                "FwpmFilterAdd0", "FwpmFilterAdd0", "FwpmTransactionAbort0", "FwpmEngineClose0", "FwpmFreeMemory0(appId)"),
                api.calls);
    }

    @Test
    void errorsSayWhatToDoAndNothingIsLeftOpen() {
        FakeWfpMockApi denied = new FakeWfpMockApi();
        denied.failures.put("FwpmEngineOpen0", 5); // ERROR_ACCESS_DENIED
        PrivilegeException e = assertThrows(PrivilegeException.class, () -> WfpMockSession.open(denied, "client.exe", SUBLAYER,
                List.of(new WfpBlockRule(V4, -1, 0, 0))));
        assertEquals(PrivilegeException.ADMINISTRATOR, e.requirement());
        assertEquals(List.of("FwpmEngineOpen0"), denied.calls, "no handle was returned, so none is closed");

        FakeWfpMockApi missing = new FakeWfpMockApi();
        missing.failures.put("FwpmGetAppIdFromFileName0", WfpMockSession.ERROR_FILE_NOT_FOUND);
        WindowsApiException m = assertThrows(WindowsApiException.class, () -> WfpMockSession.open(missing, "C:\\nope.exe",
                SUBLAYER, List.of(new WfpBlockRule(V4, -1, 0, 0))));
        assertTrue(m.getMessage().startsWith("ws_tool mock: the program C:\\nope.exe was not found"), m.getMessage());
        assertEquals(List.of("FwpmEngineOpen0", "FwpmGetAppIdFromFileName0", "FwpmEngineClose0"), missing.calls);

        FakeWfpMockApi commit = new FakeWfpMockApi();
        commit.failures.put("FwpmTransactionCommit0", 0x80320024); // FWP_E_TIMEOUT
        assertThrows(WindowsApiException.class, () -> WfpMockSession.open(commit, "client.exe", SUBLAYER,
                List.of(new WfpBlockRule(V4, -1, 0, 0))));
        assertEquals(List.of("FwpmTransactionAbort0", "FwpmEngineClose0", "FwpmFreeMemory0(appId)"),
                commit.calls.subList(commit.calls.size() - 3, commit.calls.size()));
    }

    @Test
    void rulesRefuseWhatWfpCannotExpress() {
        assertThrows(IllegalArgumentException.class, () -> new WfpBlockRule(new byte[5], -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new WfpBlockRule(V4, 33, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new WfpBlockRule(V4, -1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> WfpMockSession.open(new FakeWfpMockApi(), "x.exe", SUBLAYER, List.of()));
    }
}
