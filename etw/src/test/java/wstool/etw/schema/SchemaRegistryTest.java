package wstool.etw.schema;

import org.junit.jupiter.api.Test;
import wstool.etw.Fixtures;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

class SchemaRegistryTest {
    static final UUID AFD = UUID.fromString("e53c6823-7bb8-44bb-90dc-3f86090d48a6");

    @Test
    void committedResourceIsWhatTheGeneratorMakesFromTheManifests() throws Exception {
        String fresh = SchemaGenerator.generate(Fixtures.manifests());
        String committed;
        try (InputStream in = SchemaRegistry.class.getResourceAsStream(SchemaRegistry.RESOURCE)) {
            committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(fresh, committed, "regenerate with SchemaGenerator (see its javadoc)");
    }

    @Test
    void builtInHasTheNetworkProvidersWithNamesTypesAndMaps() {
        SchemaRegistry r = SchemaRegistry.builtIn();
        // the manifests' six providers, the kernel logger's TcpIp and UdpIp classes, PktMon and NDIS-PacketCapture
        assertEquals(10, r.providers().size());
        assertEquals(PktMonSchemas.NAME, r.providerName(PktMonSchemas.PKTMON));
        assertEquals("Microsoft-Windows-DNS-Client", r.providerName(UUID.fromString("1c95126e-7eea-49a9-a3fe-a378b03ddb4d")));
        assertEquals("Microsoft-Windows-Kernel-Process", r.providerName(UUID.fromString("22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716")));
        EventSchema send6 = r.lookup(KernelLoggerSchemas.TCPIP, 26, 2);
        assertEquals("SendIPV6", send6.opcodeName());
        assertEquals(InType.POINTER, send6.field(send6.indexOf("connid")).type());
        assertEquals(16, send6.field(send6.indexOf("daddr")).fixedLength());
        assertEquals(8, r.lookup(KernelLoggerSchemas.UDPIP, 10, 2).fieldCount());
        assertNull(r.lookup(KernelLoggerSchemas.TCPIP, 26, 1), "the XP (V1) layout is not this one");
        EventSchema create = r.lookup(AFD, 1000, 0);
        assertEquals("AfdCreate", create.taskName());
        assertEquals("Open", create.opcodeName());
        assertEquals(10, create.opcode());
        assertEquals(InType.POINTER, create.field(create.indexOf("Process")).type());
        assertEquals(InType.POINTER, create.field(create.indexOf("processid")).type());
        EventSchema sendTo = r.lookup(AFD, 1007, 0);
        FieldSchema addr = sendTo.field(sendTo.indexOf("Address"));
        assertEquals(InType.BINARY, addr.type());
        assertEquals(sendTo.indexOf("AddressLen"), addr.lengthField());
        EventSchema old = r.lookup(AFD, 1, 0);
        assertEquals("WINSOCK_SocketType_ValueMap", old.field(old.indexOf("SocketType")).map());
        assertEquals("SOCK_STREAM", r.map(AFD, "WINSOCK_SocketType_ValueMap").lookup(1));
        assertNull(r.lookup(AFD, 999, 0));
        assertNull(r.lookup(UUID.randomUUID(), 1000, 0));
    }

    @Test
    void readWriteRoundTrip() throws Exception {
        SchemaRegistry r = SchemaRegistry.builtIn();
        java.io.StringWriter w = new java.io.StringWriter();
        r.write(w);
        SchemaRegistry back = SchemaRegistry.read(new ByteArrayInputStream(w.toString().getBytes(StandardCharsets.UTF_8)));
        java.io.StringWriter w2 = new java.io.StringWriter();
        back.write(w2);
        assertEquals(w.toString(), w2.toString());
    }

    @Test
    void manifestWithDoctypeOrExternalEntityIsRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<instrumentationManifest><provider name=\"&e;\" guid=\"{e53c6823-7bb8-44bb-90dc-3f86090d48a6}\"/></instrumentationManifest>";
        IOException e = assertThrows(IOException.class, () -> ManifestParser.parse(
                new ByteArrayInputStream(xxe.getBytes(StandardCharsets.UTF_8)), "evil.xml"));
        assertTrue(e.getMessage().contains("evil.xml"), e.getMessage());
    }

    @Test
    void truncatedManifestAndUnknownTypeNameTheProblem() {
        IOException e = assertThrows(IOException.class, () -> ManifestParser.parse(
                new ByteArrayInputStream("<instrumentationManifest><provider".getBytes(StandardCharsets.UTF_8)), "cut.xml"));
        assertTrue(e.getMessage().startsWith("cut.xml"), e.getMessage());
        String bad = "<m><provider name=\"p\" guid=\"{e53c6823-7bb8-44bb-90dc-3f86090d48a6}\"><templates><template tid=\"t\">"
                + "<data name=\"x\" inType=\"win:Quaternion\"/></template></templates></provider></m>";
        IOException e2 = assertThrows(IOException.class, () -> ManifestParser.parse(
                new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), "bad.xml"));
        assertTrue(e2.getMessage().contains("win:Quaternion"), e2.getMessage());
    }
}
