package wstool.verify;

import wstool.core.model.Endpoint;
import wstool.core.model.SocketEvent;

/** WS009: a socket listening on 0.0.0.0 or ::, reachable from every network the host is on; judged once per socket. */
final class ListenAllInterfacesCheck implements SocketCheck {
    private final Findings findings;

    ListenAllInterfacesCheck(Findings findings) { this.findings = findings; }

    @Override public Check code() { return Check.WS009; }

    @Override
    public void onListening(ProcessState p, SocketState st, SocketEvent s) {
        if (st.listenChecked) return;
        Endpoint where = s.header().local().address() != null ? s.header().local() : st.bound;
        if (where.address() == null) return;
        st.listenChecked = true;
        if (!where.address().isAnyLocalAddress()) return;
        FindingBuilder f = findings.add(Check.WS009, p.pid, p.name, st.id);
        if (f == null) return;
        f.socket = st;
        f.message = "listening on " + where + " (all interfaces): reachable from every network the host is on; bind "
                + "to 127.0.0.1/::1 or one address if only local or known clients need it";
        f.occurred(s.header().timestamp(), SocketState.phaseText(s) + " on " + where);
        f.details.put("local", where.toString());
    }
}
