package wstool.verify;

import wstool.core.net.Addresses;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import wstool.core.model.SocketEvent;

/** WS008: traffic with an address on Spamhaus DROP / ASN-DROP, grouped by process and address. */
final class DropListedPeerCheck implements SocketCheck {
    private final Findings findings;
    private final Map<String, FindingBuilder> groups = new HashMap<>();

    DropListedPeerCheck(Findings findings) { this.findings = findings; }

    @Override public Check code() { return Check.WS008; }

    @Override
    public void onEvent(SocketEvent s, long pid, String process) {
        InetAddress remote = s.header().remote().address();
        String dropId = s.header().enrichment().dropId();
        if (remote == null || dropId == null) return;
        String key = pid + "|" + process + "|" + Addresses.text(remote);
        FindingBuilder f = groups.get(key);
        if (f == null) {
            f = findings.add(Check.WS008, pid, process, -1);
            if (f == null) return;
            groups.put(key, f);
            f.endpoint = Addresses.text(remote);
            var en = s.header().enrichment();
            f.message = "traffic with " + Addresses.text(remote) + ", listed on Spamhaus DROP (" + dropId
                    + "): a network run by criminals or hijacked; find out why this program talks to it";
            f.details.put("remote", Addresses.text(remote));
            f.details.put("dropId", dropId);
            if (en.asn() != null) f.details.put("asn", "AS" + en.asn() + (en.asOrg() == null ? "" : " " + en.asOrg()));
            if (en.countryCode() != null) f.details.put("country", en.countryCode());
        }
        f.occurred(s.header().timestamp(), SocketState.phaseText(s) + " " + s.header().remote()
                + (s.endpointId() != -1 && s.endpointId() != 0 ? " on " + SocketState.idText(s) : ""));
    }
}
