package wstool.etw.schema;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static wstool.etw.schema.NdisCaptureSchemas.*;

/** NDIS-PacketCapture's fragment schema against the provider's manifests (fixtures/manifests-extra). */
class NdisCaptureSchemasTest {
    static EventSchema manifestSchema(String build) throws Exception {
        try (InputStream in = Files.newInputStream(wstool.core.fixtures.Fixtures.path("manifests-extra/" + build + "/Microsoft-Windows-NDIS-PacketCapture.xml"))) {
            ProviderSchemas p = ManifestParser.parse(in, build).get(0);
            return p.events().stream().filter(e -> e.id() == FRAGMENT).findFirst().orElseThrow();
        }
    }

    /** Every build's fragment starts with the four fields decoded; 18990 appends GftFlowEntryId and GftOffloadInformation. */
    @Test
    void theBuiltInSchemaIsTheManifestsOnEveryBuild() throws Exception {
        EventSchema ours = SchemaRegistry.builtIn().lookup(NDIS_CAPTURE, FRAGMENT, 0);
        List<String> decoded = ours.fields().stream().map(NdisCaptureSchemasTest::shape).toList();
        for (String build : List.of("Win7-7600", "Win10-17134", "Win10-18990")) {
            List<String> m = manifestSchema(build).fields().stream().map(NdisCaptureSchemasTest::shape).toList();
            assertEquals(decoded, m.subList(0, 4), build);
            assertEquals(build.equals("Win10-18990") ? List.of("GftFlowEntryId:UINT64:-1", "GftOffloadInformation:UINT64:-1")
                    : List.of(), m.subList(4, m.size()), build);
        }
    }

    private static String shape(FieldSchema f) { return f.name() + ":" + f.type() + ":" + f.lengthField(); }

}
