package wstool.siem.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wstool.core.Events;
import wstool.core.model.Direction;
import wstool.core.model.Enrichment;
import wstool.core.model.AutonomousSystem;
import wstool.core.model.DropListing;
import wstool.core.model.FirewallEvent;
import wstool.core.model.GeoLocation;
import wstool.core.model.FirewallEventType;
import wstool.core.model.NetEvent;
import wstool.core.net.Addresses;

class EcsMapperTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Enrichment LISTED = new Enrichment(
            new GeoLocation("CN", "China", "Beijing", "Beijing", 39.9, 116.4), new AutonomousSystem(4134L, "Chinanet"),
            new DropListing("SBL123456"), null, null);

    private static JsonNode ecs(NetEvent e) throws Exception {
        return JSON.readTree(EcsSink.line(new EcsMapper(EcsContext.live("9.9")), e));
    }

    @Test
    void inboundDropHasTheRemoteAsSourceAndAThreatEnrichment() throws Exception {
        FirewallEvent in = new FirewallEvent(Events.drop("203.0.113.9", 40000, 22).header().withEnrichment(LISTED),
                FirewallEventType.CLASSIFY_DROP, Direction.IN, 68812, "Block inbound", 44, "ALE_AUTH_RECV_ACCEPT_V4", null);
        JsonNode d = ecs(in);
        assertEquals("203.0.113.9", d.at("/source/ip").asText());
        assertEquals(40000, d.at("/source/port").asInt());
        assertEquals("192.168.1.10", d.at("/destination/ip").asText());
        assertEquals("CN", d.at("/source/geo/country_iso_code").asText(), "geo belongs to the remote end");
        assertTrue(d.at("/destination/geo").isMissingNode());
        assertEquals(4134, d.at("/source/as/number").asLong());
        assertEquals("ingress", d.at("/network/direction").asText());
        assertEquals("[\"connection\",\"denied\"]", d.at("/event/type").toString());
        assertEquals("68812", d.at("/rule/id").asText());
        JsonNode t = d.at("/threat/enrichments/0");
        assertEquals("203.0.113.9", t.at("/matched/atomic").asText());
        assertEquals("source.ip", t.at("/matched/field").asText());
        assertEquals("SBL123456", t.at("/matched/id").asText());
        assertEquals("ipv4-addr", t.at("/indicator/type").asText());
    }

    @Test
    void outboundConnectHasTheLocalEndAsSource() throws Exception {
        JsonNode d = ecs(Events.connect(77, "C:\\Program Files\\x\\curl.exe", "93.184.216.34", 443));
        assertEquals("192.168.1.10", d.at("/source/ip").asText());
        assertEquals("93.184.216.34", d.at("/destination/ip").asText());
        assertEquals("egress", d.at("/network/direction").asText());
        assertEquals("[\"connection\",\"start\"]", d.at("/event/type").toString());
        assertEquals("curl.exe", d.at("/process/name").asText());
        assertEquals("C:\\Program Files\\x\\curl.exe", d.at("/process/executable").asText());
        assertEquals("tcp", d.at("/network/transport").asText());
        assertEquals("6", d.at("/network/iana_number").asText());
        assertFalse(d.at("/network/community_id").asText().isEmpty());
        assertTrue(d.at("/threat").isMissingNode(), "not listed, no threat fields");
    }

    @Test
    void unknownDirectionDoesNotGuessSourceAndDestination() throws Exception {
        FirewallEvent e = new FirewallEvent(Events.drop("203.0.113.9", 40000, 22).header(), FirewallEventType.LOGGED,
                Direction.UNKNOWN, -1, null, -1, null, "ws_tool: log");
        JsonNode d = ecs(e);
        assertTrue(d.at("/source").isMissingNode() && d.at("/destination").isMissingNode(), d.toString());
        assertEquals("203.0.113.9", d.at("/ws_tool/remote/ip").asText());
        assertEquals("unknown", d.at("/network/direction").asText());
        assertEquals("[\"192.168.1.10\",\"203.0.113.9\"]", d.at("/related/ip").toString());
    }

    @Test
    void dnsCarriesQuestionAnswersAndRcode() throws Exception {
        JsonNode d = ecs(Events.dns(42, "example.com", "93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"));
        assertEquals("[\"network\"]", d.at("/event/category").toString());
        assertEquals("[\"protocol\"]", d.at("/event/type").toString());
        assertEquals("example.com", d.at("/dns/question/name").asText());
        assertEquals("A", d.at("/dns/question/type").asText());
        assertEquals("NOERROR", d.at("/dns/response_code").asText());
        assertEquals(2, d.at("/dns/resolved_ip").size());
        assertEquals("93.184.216.34", d.at("/dns/answers/0/data").asText());
        assertEquals("NXDOMAIN", DnsTypes.responseCode(9003));
        assertNull(DnsTypes.responseCode(1460), "a timeout is no RCODE");
    }

    @Test
    void hostAgentAndObserver() throws Exception {
        NetEvent e = Events.connect(1, "a.exe", "8.8.8.8", 443);
        e = e.withHeader(e.header().withHost("WS-PC01"));
        JsonNode live = ecs(e);
        assertEquals("WS-PC01", live.at("/host/name").asText());
        assertEquals("ws_tool", live.at("/agent/type").asText());
        assertEquals("9.9", live.at("/agent/version").asText());
        assertTrue(live.at("/observer").isMissingNode());
        Map<String, Object> imported = new EcsMapper(EcsContext.imported("9.9", "ANALYST")).map(e);
        assertEquals(Map.of("hostname", "ANALYST", "product", "ws_tool"), imported.get("observer"));
        assertFalse(((Map<?, ?>) imported.get("host")).containsKey("os"), "an import's OS is not known");
    }
}
