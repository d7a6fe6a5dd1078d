package wstool.wfp.fwpu;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.platform.win32.Guid.GUID;
import com.sun.jna.ptr.PointerByReference;
import wstool.wfp.fwpu.FwpTypes.FWPM_NET_EVENT_ENUM_TEMPLATE0;
import wstool.wfp.fwpu.FwpTypes.FWPM_NET_EVENT_SUBSCRIPTION0;
import wstool.wfp.fwpu.FwpTypes.FWPM_SESSION0;
import wstool.wfp.fwpu.FwpTypes.FWP_VALUE0;

/**
 * The fwpuclnt.dll functions ws_tool calls (jna-platform has no WFP bindings). Every function returns a Win32 error
 * code (0 = success). Handles are Pointers; arguments are fixed width. Windows x64 has one calling convention, so a
 * plain {@link Library} is right there (32-bit Windows is not supported).
 * <p>
 * The numbered variants exist only on newer Windows: FwpmNetEventSubscribe1 (Windows 8) ... 4 (Windows 10 1809),
 * FwpmNetEventEnum1 ... 5. Calling one the DLL lacks throws {@link UnsatisfiedLinkError}; {@link Exports} probes first.
 * <p>
 * Status: the signatures follow fwpmu.h; here they are exercised only through a Java fake (tests). Real calls into
 * fwpuclnt.dll happen only in the Windows CI smoke test (.github/workflows/windows-wfp.yml), which could not be run
 * from the development machine.
 */
public interface Fwpuclnt extends Library {
    int RPC_C_AUTHN_DEFAULT = 0xFFFFFFFF;

    /** FWPM_NET_EVENT_CALLBACK0..4: (void* context, const FWPM_NET_EVENTn* event); n = subscribe level + 1. */
    interface NetEventCallback extends Callback {
        void invoke(Pointer context, Pointer event);
    }

    int FwpmEngineOpen0(Pointer serverName, int authnService, Pointer authIdentity, FWPM_SESSION0 session,
                        PointerByReference engineHandle);

    int FwpmEngineClose0(Pointer engineHandle);

    /** value receives an FWP_VALUE0* to release with FwpmFreeMemory0. */
    int FwpmEngineGetOption0(Pointer engineHandle, int option, PointerByReference value);

    int FwpmEngineSetOption0(Pointer engineHandle, int option, FWP_VALUE0 newValue);

    int FwpmNetEventSubscribe0(Pointer engineHandle, FWPM_NET_EVENT_SUBSCRIPTION0 subscription,
                               NetEventCallback callback, Pointer context, PointerByReference eventsHandle);

    int FwpmNetEventSubscribe1(Pointer engineHandle, FWPM_NET_EVENT_SUBSCRIPTION0 subscription,
                               NetEventCallback callback, Pointer context, PointerByReference eventsHandle);

    int FwpmNetEventSubscribe2(Pointer engineHandle, FWPM_NET_EVENT_SUBSCRIPTION0 subscription,
                               NetEventCallback callback, Pointer context, PointerByReference eventsHandle);

    int FwpmNetEventSubscribe3(Pointer engineHandle, FWPM_NET_EVENT_SUBSCRIPTION0 subscription,
                               NetEventCallback callback, Pointer context, PointerByReference eventsHandle);

    int FwpmNetEventSubscribe4(Pointer engineHandle, FWPM_NET_EVENT_SUBSCRIPTION0 subscription,
                               NetEventCallback callback, Pointer context, PointerByReference eventsHandle);

    /** Waits for running callbacks to return. */
    int FwpmNetEventUnsubscribe0(Pointer engineHandle, Pointer eventsHandle);

    int FwpmNetEventCreateEnumHandle0(Pointer engineHandle, FWPM_NET_EVENT_ENUM_TEMPLATE0 enumTemplate,
                                      PointerByReference enumHandle);

    /** entries receives an array of numEntriesReturned FWPM_NET_EVENT0* (release with FwpmFreeMemory0). */
    int FwpmNetEventEnum0(Pointer engineHandle, Pointer enumHandle, int numEntriesRequested,
                          PointerByReference entries, IntByReference numEntriesReturned);

    int FwpmNetEventEnum1(Pointer engineHandle, Pointer enumHandle, int numEntriesRequested,
                          PointerByReference entries, IntByReference numEntriesReturned);

    int FwpmNetEventEnum2(Pointer engineHandle, Pointer enumHandle, int numEntriesRequested,
                          PointerByReference entries, IntByReference numEntriesReturned);

    int FwpmNetEventEnum3(Pointer engineHandle, Pointer enumHandle, int numEntriesRequested,
                          PointerByReference entries, IntByReference numEntriesReturned);

    int FwpmNetEventEnum4(Pointer engineHandle, Pointer enumHandle, int numEntriesRequested,
                          PointerByReference entries, IntByReference numEntriesReturned);

    int FwpmNetEventEnum5(Pointer engineHandle, Pointer enumHandle, int numEntriesRequested,
                          PointerByReference entries, IntByReference numEntriesReturned);

    int FwpmNetEventDestroyEnumHandle0(Pointer engineHandle, Pointer enumHandle);

    /** filter receives an FWPM_FILTER0* (release with FwpmFreeMemory0). */
    int FwpmFilterGetById0(Pointer engineHandle, long id, PointerByReference filter);

    /** layer receives an FWPM_LAYER0* (release with FwpmFreeMemory0). */
    int FwpmLayerGetById0(Pointer engineHandle, short id, PointerByReference layer);

    /** provider receives an FWPM_PROVIDER0* (release with FwpmFreeMemory0); key is passed as const GUID*. */
    int FwpmProviderGetByKey0(Pointer engineHandle, GUID key, PointerByReference provider);

    /** subLayer receives an FWPM_SUBLAYER0* (release with FwpmFreeMemory0); key is passed as const GUID*. */
    int FwpmSubLayerGetByKey0(Pointer engineHandle, GUID key, PointerByReference subLayer);

    /** Takes the address of the pointer and sets it to NULL. */
    void FwpmFreeMemory0(PointerByReference p);

    /** Which functions the loaded DLL exports. */
    @FunctionalInterface
    interface Exports {
        boolean has(String function);
    }

    /** fwpuclnt.dll and its export table (Windows only). */
    static Binding load() {
        NativeLibrary lib = NativeLibrary.getInstance("fwpuclnt");
        Fwpuclnt api = Native.load("fwpuclnt", Fwpuclnt.class);
        Exports exports = name -> {
            try {
                lib.getFunction(name);
                return true;
            } catch (UnsatisfiedLinkError e) {
                return false;
            }
        };
        return new Binding(api, exports);
    }

    /** The functions and the probe of which of them exist. */
    record Binding(Fwpuclnt api, Exports exports) { }
}
