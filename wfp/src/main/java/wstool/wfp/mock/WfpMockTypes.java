package wstool.wfp.mock;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.platform.win32.Guid.GUID;
import wstool.wfp.fwpu.FwpTypes.FWP_VALUE0;

/**
 * The fwptypes.h / fwpmtypes.h structures the mock session passes to BFE beyond those {@link wstool.wfp.fwpu.FwpTypes}
 * has (names as in the SDK; x64 layouts checked in WfpMockTypesLayoutTest against the SDK table and a mingw probe).
 */
public final class WfpMockTypes {
    private WfpMockTypes() {}

    /** FWPM_FILTER_CONDITION0: a condition field, how it matches, and an FWP_CONDITION_VALUE0 (same layout as FWP_VALUE0). */
    @FieldOrder({"fieldKey", "matchType", "conditionValue"})
    public static class FWPM_FILTER_CONDITION0 extends Structure {
        public GUID fieldKey;
        public int matchType;
        public FWP_VALUE0 conditionValue;

        public FWPM_FILTER_CONDITION0() { }

        public FWPM_FILTER_CONDITION0(Pointer p) {
            super(p);
            read();
        }
    }

    /** FWP_V4_ADDR_AND_MASK: both in host byte order. */
    @FieldOrder({"addr", "mask"})
    public static class FWP_V4_ADDR_AND_MASK extends Structure {
        public int addr;
        public int mask;

        public FWP_V4_ADDR_AND_MASK() { }

        public FWP_V4_ADDR_AND_MASK(Pointer p) {
            super(p);
            read();
        }
    }

    /** FWP_V6_ADDR_AND_MASK. */
    @FieldOrder({"addr", "prefixLength"})
    public static class FWP_V6_ADDR_AND_MASK extends Structure {
        public byte[] addr = new byte[16];
        public byte prefixLength;

        public FWP_V6_ADDR_AND_MASK() { }

        public FWP_V6_ADDR_AND_MASK(Pointer p) {
            super(p);
            read();
        }
    }
}
