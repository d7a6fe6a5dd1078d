package wstool.etw.decode;

import org.junit.jupiter.api.Test;
import wstool.core.model.DnsEvent;
import wstool.core.model.RawEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.Source;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Microsoft-Windows-DNS-Client and Microsoft-Windows-Kernel-Process payloads built by field name. */
class DnsClientAndProcessDecodeTest {
    private final EventDecoder decoder = new EventDecoder();

    private static RecordBuilder dns(int id) { return RecordBuilder.of(EventDecoder.DNS_CLIENT, id, 0); }

    @Test
    void queryCompletedIsADnsEventOfTheCaller() {
        DnsEvent e = assertInstanceOf(DnsEvent.class, decoder.decode(dns(3008).set("QueryName", "example.com")
                .set("QueryType", 28).set("QueryOptions", 0x40000000L).set("QueryStatus", 0)
                .set("QueryResults", "2606:2800:220:1:248:1893:25c8:1946;::ffff:93.184.216.34;").view(4711)));
        assertEquals(Source.ETW_DNS_CLIENT, e.header().source());
        assertEquals("example.com", e.queryName());
        assertEquals(28, e.queryType());
        assertEquals(0, e.status());
        assertEquals("SUCCESS", e.statusName());
        assertEquals(List.of("2606:2800:220:1:248:1893:25c8:1946", "::ffff:93.184.216.34"), e.results());
        assertEquals(4711, e.header().pid());
    }

    @Test
    void failedLookupAndQueryWithoutTypeOrStatus() {
        DnsEvent nx = assertInstanceOf(DnsEvent.class, decoder.decode(dns(3020).set("QueryName", "nope.invalid")
                .set("QueryType", 1).set("NetworkIndex", 0).set("InterfaceIndex", 12).set("Status", 9003)
                .set("QueryResults", "").view(4711)));
        assertEquals(9003, nx.status());
        assertEquals("DNS_ERROR_RCODE_NAME_ERROR", nx.statusName());
        assertTrue(nx.results().isEmpty());
        DnsEvent sent = assertInstanceOf(DnsEvent.class, decoder.decode(dns(3009).set("QueryName", "example.com")
                .set("IsParallelNetworkQuery", 0).set("NetworkIndex", 0).set("InterfaceCount", 1)
                .set("AdapterName", "Ethernet").set("LocalAddress", "10.0.0.5").set("DNSServerAddress", "10.0.0.1")
                .view(4711)));
        assertEquals(-1, sent.queryType(), "3009 has no QueryType");
        assertNull(sent.statusName(), "and no status");
    }

    @Test
    void serverForInterfaceStaysRawWithTheServerAsRemote() {
        // the values of the first DNS-Client event of net.4.5.2.x64.etl
        byte[] sockaddr6 = new PayloadBuilder().u16(23).u16(0).u32(0).bytes(new byte[]{0x20, 0x01, 0x48, (byte) 0x98,
                0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x50, 0x10, 0x50}).u32(0).build();
        RawEvent e = assertInstanceOf(RawEvent.class, decoder.decode(dns(1001).set("Interface", "Ethernet")
                .set("TotalServerCount", 4).set("Index", 1).set("DynamicAddress", 1).set("Address", sockaddr6).view(1188)));
        assertEquals(Source.ETW_DNS_CLIENT, e.header().source());
        assertEquals("Microsoft-Windows-DNS-Client", e.provider());
        assertEquals("Ethernet", e.header().raw().get("Interface"));
        assertEquals("28", e.header().raw().get("AddressLength"));
        assertEquals("2001:4898::1050:1050", e.header().remote().addressText());
        assertEquals(1188, e.header().pid());
        assertNull(e.header().raw().get("decodeProblem"));
    }

    @Test
    void processStartNamesTheEventsOfItsPid() {
        RawEvent start = assertInstanceOf(RawEvent.class, decoder.decode(RecordBuilder.of(EventDecoder.KERNEL_PROCESS, 1, 1)
                .set("ProcessID", 3676).set("CreateTime", new byte[8]).set("ParentProcessID", 3508).set("SessionID", 1)
                .set("Flags", 0).set("ImageName", "\\Device\\HarddiskVolume2\\Test.x64.exe").view(3508)));
        assertEquals(Source.ETW_KERNEL_PROCESS, start.header().source());
        assertEquals(3676, start.header().pid());
        assertEquals("\\Device\\HarddiskVolume2\\Test.x64.exe", start.header().process());

        SocketEvent send = assertInstanceOf(SocketEvent.class, decoder.decode(RecordBuilder.of(EventDecoder.KERNEL_NETWORK, 10, 0)
                .set("PID", 3676).set("size", 10).set("daddr", new byte[]{1, 2, 3, 4}).set("saddr", new byte[]{5, 6, 7, 8})
                .set("dport", new byte[]{0, 80}).set("sport", new byte[]{(byte) 0xc0, 0}).set("startime", 0)
                .set("endtime", 0).set("seqnum", 0).set("connid", 0).view(0)));
        assertEquals("\\Device\\HarddiskVolume2\\Test.x64.exe", send.header().process());

        RawEvent stop = assertInstanceOf(RawEvent.class, decoder.decode(RecordBuilder.of(EventDecoder.KERNEL_PROCESS, 2, 1)
                .set("ProcessID", 3676).set("CreateTime", new byte[8]).set("ExitTime", new byte[8]).set("ExitCode", 0)
                .set("TokenElevationType", 2).set("HandleCount", 101).set("CommitCharge", 0).set("CommitPeak", 0)
                .set("CPUCycleCount", 0).set("ReadOperationCount", 0).set("WriteOperationCount", 0)
                .set("ReadTransferKiloBytes", 0).set("WriteTransferKiloBytes", 0).set("HardFaultCount", 0)
                .set("ImageName", "Test.x64.exe").view(3676)));
        assertEquals(3676, stop.header().pid());
        assertEquals("\\Device\\HarddiskVolume2\\Test.x64.exe", stop.header().process(), "the start's name is kept");
        assertEquals("0", stop.header().raw().get("ExitCode"));
    }
}
