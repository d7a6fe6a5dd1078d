package wstool.verify;

import java.util.ArrayList;
import java.util.List;
import wstool.core.model.CallPhase;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;

/** Counts the kinds of evidence seen, to say which checks could run and which could not for lack of events. */
final class Coverage {
    /** Whether a DROP list is loaded; null when the caller did not say. */
    Boolean dropList;
    long dropListed;
    long socketEvents, withSocketId, creates, closes, starts, completes, withStatus, withLengths, remotes, enriched,
            listens, binds;

    void count(SocketEvent e, boolean validId) {
        socketEvents++;
        if (validId) {
            withSocketId++;
            if (e.op() == SocketOp.CREATE) creates++;
            if (e.op().endsEndpoint()) closes++;
            if (e.op() == SocketOp.LISTEN) listens++;
            if (e.op() == SocketOp.BIND && e.header().local().address() != null) binds++;
        }
        if (e.phase() == CallPhase.START) starts++;
        if (e.phase() == CallPhase.COMPLETE) completes++;
        if (e.statusName() != null) withStatus++;
        if (e.op().transfersData() && (e.bufferLength() >= 0 && (e.phase() == CallPhase.START || e.bytes() >= 0))) withLengths++;
        countRemote(e.header());
    }

    /** A captured packet: counts only toward the address checks (WS008), it is no socket call. */
    void countPacket(wstool.core.model.PacketEvent p) {
        packets++;
        countRemote(p.header());
    }

    /** Captured packets seen (only WS008 looks at them). */
    private long packets;

    private void countRemote(wstool.core.model.EventHeader h) {
        if (h.remote().address() != null) {
            remotes++;
            if (!h.enrichment().isEmpty()) enriched++;
            if (h.enrichment().dropId() != null) dropListed++;
        }
    }

    boolean phases() { return starts > 0 && completes > 0; }

    List<CheckStatus> statuses() {
        List<CheckStatus> out = new ArrayList<>();
        for (Check c : Check.values()) out.add(status(c));
        return out;
    }

    boolean ran(Check c) { return status(c).ran(); }

    private CheckStatus status(Check c) {
        if (socketEvents == 0 && !(c == Check.WS008 && packets > 0)) return new CheckStatus(c, false, "no socket events at all (Winsock-AFD, Kernel-Network or the Linux trace backend provide them)");
        String noIds = "no socket create/close events with socket ids (Winsock-AFD and the Linux trace backend give them; Kernel-Network events have no socket id)";
        return switch (c) {
            case WS001, WS002 -> creates == 0 && closes == 0 ? no(c, noIds)
                    : creates == 0 ? no(c, "no socket create events") : closes == 0 ? no(c, "no socket close/cleanup events")
                    : yes(c, String.format("%,d create and %,d close/cleanup events", creates, closes));
            case WS003 -> creates == 0 ? no(c, noIds) : yes(c, String.format("%,d events with socket ids", withSocketId));
            case WS004 -> withStatus == 0 ? no(c, "no event carries a call result (status)")
                    : yes(c, String.format("%,d events with results", withStatus));
            case WS005 -> withLengths == 0 ? no(c, "no send/receive events with posted buffer lengths")
                    : yes(c, String.format("%,d sends/receives with buffer lengths", withLengths));
            case WS006, WS007 -> !phases() ? no(c, "the source reports no separate call start and completion events")
                    : yes(c, String.format("%,d starts, %,d completions", starts, completes));
            case WS008 -> remotes == 0 ? no(c, "no event with a remote address")
                    : dropListed == 0 && Boolean.FALSE.equals(dropList) ? no(c, "no Spamhaus DROP list loaded (drop_v4.json, drop_v6.json, asndrop.json or drop.txt in the data dir)")
                    : enriched == 0 ? no(c, "remote addresses were not enriched (no GeoIP/ASN/DROP data loaded)")
                    : yes(c, String.format("%,d of %,d events with a remote address enriched", enriched, remotes));
            case WS009 -> listens == 0 ? no(c, "no listen events with socket ids")
                    : binds == 0 ? no(c, "no bind events with a local address (listening sockets bound before the trace)")
                    : yes(c, String.format("%,d listen and %,d bind events", listens, binds));
        };
    }

    private static CheckStatus yes(Check c, String why) { return new CheckStatus(c, true, why); }

    private static CheckStatus no(Check c, String why) { return new CheckStatus(c, false, why); }
}
