package wstool.wfp.mock;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import wstool.winlayout.MingwProbe;
import wstool.winlayout.WinLayout;
import wstool.wfp.mock.WfpMockTypes.FWPM_FILTER_CONDITION0;
import wstool.wfp.mock.WfpMockTypes.FWP_V4_ADDR_AND_MASK;
import wstool.wfp.mock.WfpMockTypes.FWP_V6_ADDR_AND_MASK;

/** The mock session's structures against Windows x64: the SDK layout table where it has them, every field with mingw. */
class WfpMockTypesLayoutTest {
    @Test
    void againstSdkTable() {
        WinLayout.assertMatchesTable(WinLayout.table(), new FWPM_FILTER_CONDITION0(), "FWPM_FILTER_CONDITION0",
                Map.of("conditionValue", "conditionValue"));
    }

    @Test
    void everyFieldAgainstMingw() {
        assumeTrue(MingwProbe.compiler().isPresent(), MingwProbe.missingMessage());
        MingwProbe.create().include("fwpmu.h")
                .expect(new FWPM_FILTER_CONDITION0(), "FWPM_FILTER_CONDITION0", Map.of("conditionValue.value", "conditionValue.uint64"))
                .expect(new FWP_V4_ADDR_AND_MASK(), "FWP_V4_ADDR_AND_MASK")
                .expect(new FWP_V6_ADDR_AND_MASK(), "FWP_V6_ADDR_AND_MASK")
                .assertPasses();
    }
}
