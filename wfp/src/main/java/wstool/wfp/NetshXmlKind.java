package wstool.wfp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What a netsh wfp XML file is, from its root element (and, for {@code <wfpdiag>}, the elements under it): so that a
 * file that holds no net events says what it is and how to use it instead of yielding nothing.
 */
public enum NetshXmlKind {
    /** {@code netsh wfp show netevents}: {@code <netEvents>}. */
    NET_EVENTS,
    /** {@code netsh wfp capture}: {@code <wfpdiag>} with {@code <initialState>} and {@code <events>}. */
    CAPTURE,
    /** {@code netsh wfp show state}: {@code <wfpstate>}. */
    STATE,
    /** {@code netsh wfp show filters}: {@code <wfpdiag>} with {@code <filters>} and no events. */
    FILTERS,
    /** One net event {@code <item>} without the {@code <netEvents>} around it (a cut-out of a netevents file). */
    BARE_EVENT,
    OTHER;

    public static NetshXmlKind of(Path file) throws WfpImportException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            XMLStreamReader xml = SafeXml.factory().createXMLStreamReader(SafeXml.decoded(in));
            int depth = 0;
            String root = null;
            boolean filters = false;
            while (xml.hasNext()) {
                int ev = xml.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String el = xml.getLocalName();
                    if (depth == 1) {
                        root = el;
                        switch (el) {
                            case "netEvents", "netEvent": return NET_EVENTS; // a bare <netEvent> is read as one event
                            case "wfpstate": return STATE;
                            case "item": return BARE_EVENT;
                            case "wfpdiag": break;
                            default: return OTHER;
                        }
                    } else if (depth == 2) {
                        if (el.equals("initialState") || el.equals("events")) return CAPTURE;
                        if (el.equals("filters")) filters = true;
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (ev == XMLStreamConstants.DTD) {
                    return OTHER; // the event reader refuses it with its own message
                }
            }
            return "wfpdiag".equals(root) && filters ? FILTERS : "wfpdiag".equals(root) ? CAPTURE : OTHER;
        } catch (XMLStreamException e) {
            return OTHER; // the event reader reports where the XML is broken
        } catch (IOException e) {
            throw new WfpImportException(file.getFileName() + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * @throws WfpImportException for a state, filters or bare-event file given as net events: what it is and what to
     *                            do with it
     */
    public static void requireNetEvents(Path file) throws WfpImportException {
        String name = file.getFileName().toString();
        switch (of(file)) {
            case STATE -> throw new WfpImportException(name + " is a 'netsh wfp show state' dump (<wfpstate>): it holds"
                    + " the filters, not net events. Give it as --wfp-state " + name + " to 'ws_tool monitor', next to"
                    + " --import with the netevents.xml (or wfpdiag.xml) of the same machine, to name who blocked each"
                    + " connection");
            case FILTERS -> throw new WfpImportException(name + " is a 'netsh wfp show filters' dump (<wfpdiag> with"
                    + " <filters> only): it holds the filters, not net events. Give it as --wfp-state " + name + " to"
                    + " 'ws_tool monitor', next to --import with the netevents.xml of the same machine");
            case BARE_EVENT -> throw new WfpImportException(name + " holds a single net event <item> without the"
                    + " <netEvents> root element 'netsh wfp show netevents' writes; put <netEvents> ... </netEvents>"
                    + " around it (or export the whole file again with netsh wfp show netevents file=" + name + ")");
            default -> { }
        }
    }
}
