package wstool.verify;

import wstool.core.net.Addresses;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import wstool.core.model.EventHeader;
import wstool.core.model.PacketEvent;
import wstool.core.model.SocketEvent;

/** WS008: traffic with an address on Spamhaus DROP / ASN-DROP, grouped by process and address. */
final class DropListedPeerCheck implements SocketCheck {
    private final Findings findings;
    private final Map<String, FindingBuilder> groups = new HashMap<>();

    DropListedPeerCheck(Findings findings) { this.findings = findings; }

    @Override public Check code() { return Check.WS008; }

    @Override
    public void onEvent(SocketEvent s, long pid, String process) {
        seen(s.header(), pid, process, SocketState.phaseText(s) + " " + s.header().remote()
                + (s.endpointId() != -1 && s.endpointId() != 0 ? " on " + SocketState.idText(s) : ""));
    }

    @Override
    public void onPacket(PacketEvent p) {
        seen(p.header(), p.header().pid(), p.header().process(), (p.dropped() ? "dropped packet " : "packet ")
                + p.direction() + " " + p.header().remote() + (p.component() == null ? "" : " at " + p.component()));
    }

    private void seen(EventHeader h, long pid, String process, String occurrence) {
        InetAddress remote = h.remote().address();
        String dropId = h.enrichment().dropId();
        if (remote == null || dropId == null) return;
        String key = pid + "|" + process + "|" + Addresses.text(remote);
        FindingBuilder f = groups.get(key);
        if (f == null) {
            f = findings.add(Check.WS008, pid, process, -1);
            if (f == null) return;
            groups.put(key, f);
            f.endpoint = Addresses.text(remote);
            var en = h.enrichment();
            f.message = "traffic with " + Addresses.text(remote) + ", listed on Spamhaus DROP (" + dropId
                    + "): a network run by criminals or hijacked; find out why this program talks to it";
            f.details.put("remote", Addresses.text(remote));
            f.details.put("dropId", dropId);
            if (en.asn() != null) f.details.put("asn", "AS" + en.asn() + (en.asOrg() == null ? "" : " " + en.asOrg()));
            if (en.countryCode() != null) f.details.put("country", en.countryCode());
        }
        f.occurred(h.timestamp(), occurrence);
    }
}
