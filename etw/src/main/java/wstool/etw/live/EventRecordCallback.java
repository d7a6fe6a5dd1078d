package wstool.etw.live;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;

/**
 * PEVENT_RECORD_CALLBACK (evntrace.h): {@code VOID WINAPI EventRecordCallback(PEVENT_RECORD)}. A plain
 * {@link Callback}: x64 Windows has a single calling convention (WINAPI only matters on 32-bit x86, which ws_tool
 * does not support), and the same callback then also runs under the Linux test fake. A top-level type, not nested
 * in {@link Advapi32}: JNA reads a callback's options from its enclosing class, which would load advapi32.
 */
public interface EventRecordCallback extends Callback {
    void invoke(Pointer eventRecord);
}
