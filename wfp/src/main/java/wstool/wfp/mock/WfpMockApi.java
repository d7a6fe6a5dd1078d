package wstool.wfp.mock;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import wstool.wfp.fwpu.FwpTypes.FWPM_FILTER0;
import wstool.wfp.fwpu.FwpTypes.FWPM_SESSION0;
import wstool.wfp.fwpu.FwpTypes.FWPM_SUBLAYER0;

/**
 * The fwpuclnt.dll functions (fwpmu.h) the mock's dynamic session uses. Every one returns a Win32 / FWP_E_* code
 * (0 = success). Exercised here only through a Java fake; real calls need Windows and Administrator.
 */
public interface WfpMockApi extends Library {
    int FwpmEngineOpen0(Pointer serverName, int authnService, Pointer authIdentity, FWPM_SESSION0 session,
                        PointerByReference engineHandle);

    int FwpmEngineClose0(Pointer engineHandle);

    int FwpmTransactionBegin0(Pointer engineHandle, int flags);

    int FwpmTransactionCommit0(Pointer engineHandle);

    int FwpmTransactionAbort0(Pointer engineHandle);

    int FwpmSubLayerAdd0(Pointer engineHandle, FWPM_SUBLAYER0 subLayer, Pointer sd);

    int FwpmFilterAdd0(Pointer engineHandle, FWPM_FILTER0 filter, Pointer sd, LongByReference id);

    /** appId receives an FWP_BYTE_BLOB* (the program's NT device path) to release with FwpmFreeMemory0. */
    int FwpmGetAppIdFromFileName0(WString fileName, PointerByReference appId);

    void FwpmFreeMemory0(PointerByReference p);

    static WfpMockApi load() { return Native.load("fwpuclnt", WfpMockApi.class); }
}
