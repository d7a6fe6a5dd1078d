package wstool.wfp;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.Source;
import wstool.core.net.Addresses;

/**
 * Streams the net events out of {@code netsh wfp show netevents} output (netevents.xml: {@code <netEvents><item>})
 * and {@code netsh wfp capture} output (wfpdiag.xml: {@code /wfpdiag/events/netEvent}; filter and layer names from
 * the {@code filters/item} and {@code layers/item/layer} elements of {@code /wfpdiag/initialState}, which netsh writes before the events).
 * <p>
 * DTDs are refused outright (that stops external entities and entity expansion bombs before any entity is read).
 * Memory per event is bounded; a truncated or malformed file ends with a {@link WfpImportException} naming line and
 * column after every complete event before it was returned.
 */
final class NetshXmlReader implements Closeable {
    static final int MAX_NODES_PER_ELEMENT = 20_000;
    static final int MAX_TEXT_PER_ELEMENT = 1 << 20;

    private final XMLStreamReader xml;
    private final String sourceName;
    private final Deque<String> path = new ArrayDeque<>();
    private final Map<Long, String> filterNames = new HashMap<>();
    private final Map<Integer, String> layerNames = new HashMap<>();
    private final NameResolver names;
    private CountingStream counted;
    private boolean finished;

    /** Counts the bytes taken from the file, to say roughly where undecodable bytes are. */
    private static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) { super(in); }

        @Override public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }

    public NetshXmlReader(InputStream in, String sourceName) throws WfpImportException {
        this.sourceName = sourceName;
        XMLInputFactory f = SafeXml.factory();
        try {
            this.xml = f.createXMLStreamReader(decoded(in));
        } catch (XMLStreamException e) {
            throw error("cannot start reading", e);
        }
        this.names = new NameResolver() {
            @Override public String filterName(long id) { return filterNames.get(id); }
            @Override public String layerName(int id) { return layerNames.get(id); }
            @Override public String drivePath(String devicePath) { return null; }
            @Override public String account(String sid) { return WellKnownSids.name(sid); }
        };
    }

    /**
     * Text decoding done here rather than by the XML parser, so that a bad byte becomes an exception and not a line
     * the JDK parser prints on stderr. Encoding from the byte order mark (netsh writes UTF-8 or UTF-16), else UTF-8.
     */
    private Reader decoded(InputStream raw) throws WfpImportException {
        BufferedInputStream in = new BufferedInputStream(counted = new CountingStream(raw));
        try {
            in.mark(3);
            int b0 = in.read(), b1 = in.read(), b2 = in.read();
            Charset cs;
            if (b0 == 0xFF && b1 == 0xFE) { cs = StandardCharsets.UTF_16LE; in.reset(); in.skip(2); }
            else if (b0 == 0xFE && b1 == 0xFF) { cs = StandardCharsets.UTF_16BE; in.reset(); in.skip(2); }
            else if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) { cs = StandardCharsets.UTF_8; }
            else { cs = StandardCharsets.UTF_8; in.reset(); }
            CharsetDecoder dec = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            return new InputStreamReader(in, dec);
        } catch (IOException e) {
            throw new WfpImportException("cannot read: " + e.getMessage(), e);
        }
    }

    /** Filter names read so far from the initial state (filter id to display name). */
    public Map<Long, String> filterNames() { return Map.copyOf(filterNames); }

    /** The next net event, or null at the end of the file. */
    public FirewallEvent next() throws WfpImportException {
        if (finished) return null;
        try {
            while (xml.hasNext()) {
                int ev = xml.next();
                if (ev == XMLStreamConstants.DTD) {
                    throw new WfpImportException(sourceName + ": line " + xml.getLocation().getLineNumber()
                            + ": a DOCTYPE/DTD is not allowed in netsh wfp XML (refused: external entities and entity"
                            + " expansion are never processed)");
                }
                if (ev == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new WfpImportException(sourceName + ": line " + xml.getLocation().getLineNumber()
                            + ": entity reference &" + xml.getLocalName() + "; is not allowed");
                }
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    String parent = path.peek();
                    if (name.equals("netEvent") || (name.equals("item") && "netEvents".equals(parent))) {
                        return toEvent(readSubtree());
                    }
                    if (path.contains("initialState")
                            && ((name.equals("item") && "filters".equals(parent)) || name.equals("layer"))) {
                        remember(readSubtree());
                        continue;
                    }
                    path.push(name);
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    path.poll();
                }
            }
            finished = true;
            if (!path.isEmpty()) throw new WfpImportException(sourceName + ": truncated: file ends inside <" + path.peek() + ">");
            return null;
        } catch (XMLStreamException e) {
            finished = true;
            throw error("truncated or malformed XML", e);
        } catch (WfpImportException e) {
            finished = true;
            throw e;
        }
    }

    private WfpImportException error(String what, XMLStreamException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.charset.CharacterCodingException) {
                return new WfpImportException(sourceName + ": not UTF-8 or UTF-16 text: invalid byte sequence within the first "
                        + (counted == null ? "?" : counted.count) + " bytes", e);
            }
        }
        Location l = e.getLocation() != null ? e.getLocation() : xml == null ? null : xml.getLocation();
        String where = l == null ? "" : " at line " + l.getLineNumber() + ", column " + l.getColumnNumber()
                + " (character offset " + l.getCharacterOffset() + ")";
        String msg = e.getMessage() == null ? "" : e.getMessage().replaceAll("^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "");
        return new WfpImportException(sourceName + ": " + what + where + ": " + msg.trim(), e);
    }

    /** Reads the element the reader is on, with all its descendants, into a bounded tree. */
    private XmlNode readSubtree() throws XMLStreamException, WfpImportException {
        Deque<XmlNode> stack = new ArrayDeque<>();
        XmlNode root = new XmlNode(xml.getLocalName(), xml.getLocation().getLineNumber());
        stack.push(root);
        int nodes = 1;
        int textChars = 0;
        while (!stack.isEmpty()) {
            int ev = xml.next();
            switch (ev) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++nodes > MAX_NODES_PER_ELEMENT) {
                        throw new WfpImportException(sourceName + ": line " + root.line + ": <" + root.name
                                + "> has more than " + MAX_NODES_PER_ELEMENT + " elements");
                    }
                    XmlNode n = new XmlNode(xml.getLocalName(), xml.getLocation().getLineNumber());
                    stack.peek().children.add(n);
                    stack.push(n);
                }
                case XMLStreamConstants.END_ELEMENT -> stack.pop();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    textChars += xml.getTextLength();
                    if (textChars > MAX_TEXT_PER_ELEMENT) {
                        throw new WfpImportException(sourceName + ": line " + root.line + ": <" + root.name
                                + "> holds more than " + MAX_TEXT_PER_ELEMENT + " characters of text");
                    }
                    stack.peek().text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                }
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new WfpImportException(sourceName + ": line " + xml.getLocation().getLineNumber()
                                + ": entity references are not allowed");
                default -> { }
            }
        }
        return root;
    }

    /** A filters/item (filterId) or a layers/item/layer (layerId) of the initial state. */
    private void remember(XmlNode item) throws WfpImportException {
        XmlNode display = item.child("displayData");
        String name = display == null ? null : display.childText("name");
        if (name == null) return;
        if (item.name.equals("item")) {
            String id = item.childText("filterId");
            if (id != null) filterNames.put(parseLong(id, item.child("filterId")), name);
        } else {
            String id = item.childText("layerId");
            if (id != null) layerNames.put((int) parseLong(id, item.child("layerId")), name);
        }
    }

    private FirewallEvent toEvent(XmlNode event) throws WfpImportException {
        WfpEventData d = new WfpEventData();
        XmlNode header = event.child("header");
        if (header == null) throw bad(event, "net event without <header>");
        flatten(header, "header", d.raw);
        readHeader(header, d);
        String typeText = event.childText("type");
        if (typeText == null) throw bad(event, "net event without <type>");
        d.put("type", typeText);
        d.type = WfpConstants.typeOf(typeText);
        if (d.type == null) throw bad(event.child("type"), "unknown net event type '" + typeText + "'");
        XmlNode body = event.child(WfpConstants.UNION_MEMBERS.get(WfpConstants.TYPES.indexOf(d.type)));
        if (body != null) {
            flatten(body, body.name, d.raw);
            readBody(body, d);
        }
        XmlNode internal = event.child("internalFields");
        if (internal != null) {
            flatten(internal, "internalFields", d.raw);
            if (d.rule == null) d.rule = internal.childText("filterOrigin");
        }
        return d.toEvent(Source.WFP_IMPORT, names);
    }

    private void readHeader(XmlNode h, WfpEventData d) throws WfpImportException {
        String ts = h.childText("timeStamp");
        if (ts == null) throw bad(h, "net event header without <timeStamp>");
        d.timestamp = parseTime(ts, h.child("timeStamp"));
        XmlNode flags = h.child("flags");
        if (flags != null) {
            for (XmlNode item : flags.children) {
                int bit = WfpConstants.FLAG_NAMES.indexOf(item.text());
                if (bit >= 0) d.flags |= 1 << bit;
            }
            if (flags.children.isEmpty() && !flags.text().isEmpty()) d.flags = (int) parseLong(flags.text(), flags);
        } else {
            d.flags = -1; // no flags element: take every field that is there
        }
        if (d.has(WfpConstants.FLAG_IP_PROTOCOL_SET) && h.childText("ipProtocol") != null) {
            d.ipProtocol = (int) parseLong(h.childText("ipProtocol"), h.child("ipProtocol"));
        }
        if (d.has(WfpConstants.FLAG_LOCAL_ADDR_SET)) d.localAddr = address(h, "localAddr");
        if (d.has(WfpConstants.FLAG_REMOTE_ADDR_SET)) d.remoteAddr = address(h, "remoteAddr");
        if (d.has(WfpConstants.FLAG_LOCAL_PORT_SET)) d.localPort = port(h, "localPort");
        if (d.has(WfpConstants.FLAG_REMOTE_PORT_SET)) d.remotePort = port(h, "remotePort");
        if (d.has(WfpConstants.FLAG_APP_ID_SET) && h.child("appId") != null) d.appId = appId(h.child("appId"), d);
        if (d.has(WfpConstants.FLAG_USER_ID_SET)) d.userSid = h.childText("userId");
    }

    private void readBody(XmlNode b, WfpEventData d) throws WfpImportException {
        String filterId = firstText(b, "filterId", "mmFilterId", "qmFilterId");
        if (filterId != null) d.filterId = parseLong(filterId, b);
        String layerId = b.childText("layerId");
        if (layerId != null) d.layerId = (int) parseLong(layerId, b.child("layerId"));
        String msFwp = b.childText("msFwpDirection");
        String ipsec = b.childText("direction");
        if (msFwp != null) d.direction = WfpConstants.directionOf(msFwp);
        else if (ipsec != null) d.direction = WfpConstants.fwpDirectionOf(ipsec);
        // classify events: the layer decides when it can (IPsec drops carry a real FWP_DIRECTION instead)
        if (ipsec == null || msFwp != null) d.direction = WfpLayers.classify(d.layerId, d.direction);
        String failure = b.childText("failureErrorCode");
        if (failure != null) d.rule = "failureErrorCode " + failure + optional(", failurePoint ", b.childText("failurePoint"));
        String status = b.childText("failureStatus");
        if (status != null) d.rule = "failureStatus " + status;
        String capability = b.childText("networkCapabilityId");
        if (capability != null) d.rule = capability;
    }

    private static String optional(String label, String value) { return value == null ? "" : label + value; }

    private static String firstText(XmlNode n, String... names) {
        for (String name : names) {
            String t = n.childText(name);
            if (t != null) return t;
        }
        return null;
    }

    private InetAddress address(XmlNode h, String prefix) throws WfpImportException {
        for (String name : new String[] {prefix + "V4", prefix + "V6.byteArray16", prefix + "V6"}) {
            XmlNode n = h.child(name);
            if (n != null && !n.text().isEmpty()) {
                try {
                    return Addresses.parse(n.text());
                } catch (IllegalArgumentException e) {
                    throw bad(n, "<" + name + "> is not an IP address: '" + n.text() + "'");
                }
            }
        }
        return null;
    }

    private int port(XmlNode h, String name) throws WfpImportException {
        String t = h.childText(name);
        if (t == null) return -1;
        long v = parseLong(t, h.child(name));
        if (v < 0 || v > 65535) throw bad(h.child(name), "<" + name + "> out of range: " + t);
        return (int) v;
    }

    /**
     * The app id path. {@code data} (hex of the UTF-16LE bytes, NUL included) is what the kernel reported, byte for
     * byte; {@code asString} is netsh's display rendering of the same bytes (each byte as a character, non-printable
     * ones as '.'), which cannot carry non-ASCII characters. So data wins; asString is used only when data is missing
     * or unreadable, and a disagreement between the two is kept in raw as {@code appId.mismatch}.
     */
    private String appId(XmlNode appId, WfpEventData d) throws WfpImportException {
        String hex = appId.childText("data");
        String shown = appId.childText("asString");
        String fromShown = shown == null ? null : fromAsString(shown);
        if (hex != null) {
            String fromData = fromUtf16Hex(hex);
            if (fromData != null) {
                if (fromShown != null && !fromShown.equals(fromData)) d.put("appId.mismatch", "asString reads '" + fromShown + "'");
                return fromData;
            }
            if (fromShown == null) throw bad(appId.child("data"), "<appId><data> is not hex of UTF-16LE text");
        }
        return fromShown;
    }

    static String fromUtf16Hex(String hex) {
        String h = hex.replaceAll("\\s+", "");
        if (h.length() % 4 != 0) return null;
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(h);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String s = new String(bytes, StandardCharsets.UTF_16LE);
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }

    /** Every other character of the byte-per-character rendering; drops the rendered NUL terminator. */
    static String fromAsString(String shown) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shown.length(); i += 2) sb.append(shown.charAt(i));
        if (shown.length() % 2 == 0 && shown.endsWith("..") && sb.length() > 0) sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    private Instant parseTime(String text, XmlNode where) throws WfpImportException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC); // netsh writes UTC
            } catch (DateTimeParseException e2) {
                throw bad(where, "<timeStamp> is not an ISO-8601 time: '" + text + "'");
            }
        }
    }

    private long parseLong(String text, XmlNode where) throws WfpImportException {
        String t = text.trim();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) return Long.parseUnsignedLong(t.substring(2), 16);
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw bad(where, "<" + (where == null ? "?" : where.name) + "> is not a number: '" + t + "'");
        }
    }

    private WfpImportException bad(XmlNode where, String message) {
        return new WfpImportException(sourceName + (where == null ? "" : ": line " + where.line) + ": " + message);
    }

    /** Leaf elements as dotted paths; lists of plain items joined with '|', structured items indexed. */
    static void flatten(XmlNode n, String key, Map<String, String> out) {
        if (n.children.isEmpty()) {
            String t = n.text();
            if (!t.isEmpty()) out.put(key, t);
            return;
        }
        boolean plainItems = n.children.stream().allMatch(c -> c.name.equals("item") && c.children.isEmpty());
        if (plainItems) {
            StringBuilder sb = new StringBuilder();
            for (XmlNode c : n.children) {
                if (sb.length() > 0) sb.append('|');
                sb.append(c.text());
            }
            out.put(key, sb.toString());
            return;
        }
        int index = 0;
        for (XmlNode c : n.children) {
            if (c.name.equals("item")) flatten(c, key + "[" + index++ + "]", out);
            else flatten(c, key + "." + c.name, out);
        }
    }

    @Override
    public void close() throws WfpImportException {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            throw error("cannot close", e);
        }
    }
}
