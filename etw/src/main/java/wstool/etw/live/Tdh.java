package wstool.etw.live;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/** tdh.dll (tdh.h): the event schema of a record (TRACE_EVENT_INFO). */
public interface Tdh extends Library {

    /** The real tdh (Windows only; loaded on first use of this field). */
    Tdh INSTANCE = Native.load("tdh", Tdh.class);

    int TdhGetEventInformation(Pointer event, int tdhContextCount, Pointer tdhContext, Pointer buffer,
                               IntByReference bufferSize);
}
