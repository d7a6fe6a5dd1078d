package wstool.etw.schema;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Microsoft-Windows-NDIS-PacketCapture (ndiscap, {@code netsh trace start capture=yes}): event 1001, a packet
 * fragment — MiniportIfIndex, LowerIfIndex (UInt32), FragmentSize (UInt32), Fragment (Binary, FragmentSize bytes), as
 * the provider's manifest has it on Windows 7 7600 to 10 18990 (fixtures/manifests-extra; NdisCaptureDecodeTest
 * compares; 18990 appends GftFlowEntryId and GftOffloadInformation, UInt64 each, which are not read). Kept apart from the generated schemas because those manifests are not the generator's input yet.
 * The keywords that matter are not named in those dumps; their values are the ndiscap manifest's, as etl2pcapng
 * (microsoft/etl2pcapng, src/main.c) and Wireshark's etw_ndiscap.c use them: {@link #KW_PACKET_START},
 * {@link #KW_PACKET_END} mark the first and last fragment of a packet, {@link #KW_SEND}/{@link #KW_RECEIVE} its
 * direction, {@link #KW_MEDIA_WIRELESS_WAN} (raw IP, no link header) and {@link #KW_MEDIA_NATIVE_802_11} the medium.
 */
public final class NdisCaptureSchemas {
    public static final UUID NDIS_CAPTURE = UUID.fromString("2ed6006e-4729-4609-b423-3ee7bcd678ef");
    public static final String NAME = "Microsoft-Windows-NDIS-PacketCapture";
    public static final int FRAGMENT = 1001;
    public static final long KW_MEDIA_WIRELESS_WAN = 0x200L, KW_MEDIA_NATIVE_802_11 = 0x10000L,
            KW_PACKET_START = 0x40000000L, KW_PACKET_END = 0x80000000L, KW_SEND = 0x100000000L, KW_RECEIVE = 0x200000000L;

    private NdisCaptureSchemas() {}

    static ProviderSchemas schemas() {
        List<FieldSchema> f = List.of(u32("MiniportIfIndex"), u32("LowerIfIndex"), u32("FragmentSize"),
                new FieldSchema("Fragment", InType.BINARY, 2, -1, -1, -1, null));
        EventSchema fragment = new EventSchema(NDIS_CAPTURE, NAME, FRAGMENT, 0, 0, "PacketFragment", 0, "", 4, 0, f);
        return new ProviderSchemas(NDIS_CAPTURE, NAME, List.of(fragment), Map.of());
    }

    private static FieldSchema u32(String name) { return new FieldSchema(name, InType.UINT32, -1, -1, -1, -1, null); }
}
