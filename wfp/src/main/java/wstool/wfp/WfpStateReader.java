package wstool.wfp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the filters, providers and sublayers of {@code netsh wfp show state} (wfpstate.xml: filters under
 * {@code layers/item/filters/item}, then providers and subLayers; a second root {@code <firewallState>} follows
 * {@code <wfpstate>} in real dumps and is read too) and {@code netsh wfp show filters} (filters.xml:
 * {@code wfpdiag/filters/item}, {@code wfpdiag/providers/item}). XML through {@link SafeXml}; each entry's subtree is
 * bounded.
 */
public final class WfpStateReader {
    static final int MAX_NODES_PER_ITEM = 20_000;

    /** What one file held. */
    public record State(Path file, List<String> roots, Map<Long, WfpFilter> filters, int providers, int subLayers) {}

    private record Named(String name) {}

    private WfpStateReader() {}

    /** @throws WfpImportException naming the file and the problem (not XML, truncated, no filters in it) */
    public static State read(Path file) throws WfpImportException {
        String name = file.getFileName().toString();
        List<XmlNode> filterItems = new ArrayList<>();
        Map<String, Named> providers = new HashMap<>();
        Map<String, Named> subLayers = new HashMap<>();
        List<String> roots = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            XMLStreamReader xml = SafeXml.allRoots(in);
            Deque<String> path = new ArrayDeque<>();
            while (xml.hasNext()) {
                int ev = xml.next();
                if (ev == XMLStreamConstants.DTD || ev == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new WfpImportException(name + ": line " + xml.getLocation().getLineNumber()
                            + ": a DTD or entity reference is not allowed in netsh wfp XML");
                }
                if (ev == XMLStreamConstants.END_ELEMENT) {
                    path.pop();
                    continue;
                }
                if (ev != XMLStreamConstants.START_ELEMENT) continue;
                String el = xml.getLocalName();
                String parent = path.peek();
                if (path.size() == 1) roots.add(el);
                if (el.equals("item") && parent != null) {
                    switch (parent) {
                        case "filters" -> { filterItems.add(subtree(xml, name)); continue; }
                        case "providers" -> { remember(subtree(xml, name), "providerKey", providers); continue; }
                        case "subLayers" -> { remember(subtree(xml, name), "subLayerKey", subLayers); continue; }
                        default -> { }
                    }
                }
                path.push(el);
            }
        } catch (XMLStreamException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber();
            throw new WfpImportException(name + ": not readable as netsh wfp XML" + where + ": " + message(e), e);
        } catch (IOException e) {
            throw new WfpImportException(name + ": cannot read: " + e.getMessage(), e);
        }
        if (roots.stream().noneMatch(r -> r.equals("wfpstate") || r.equals("wfpdiag"))) {
            throw new WfpImportException(name + ": not netsh wfp state or filters XML (root element" + (roots.size() == 1 ? " " : "s ")
                    + String.join(", ", roots.stream().map(r -> "<" + r + ">").toList()) + "; expected <wfpstate> from 'netsh wfp"
                    + " show state' or <wfpdiag> from 'netsh wfp show filters')");
        }
        Map<Long, WfpFilter> filters = new LinkedHashMap<>();
        for (XmlNode item : filterItems) {
            WfpFilter f = filter(item, providers, subLayers, name);
            if (f != null) filters.put(f.id(), f);
        }
        if (filters.isEmpty()) {
            throw new WfpImportException(name + ": holds no filters (" + String.join(", ", roots) + "); --wfp-state needs the"
                    + " output of 'netsh wfp show state' or 'netsh wfp show filters'");
        }
        return new State(file, List.copyOf(roots), filters, providers.size(), subLayers.size());
    }

    private static WfpFilter filter(XmlNode item, Map<String, Named> providers, Map<String, Named> subLayers, String file)
            throws WfpImportException {
        String id = item.childText("filterId");
        if (id == null) return null;
        long filterId;
        try {
            filterId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new WfpImportException(file + ": line " + item.child("filterId").line + ": <filterId> is not a number: '" + id + "'");
        }
        XmlNode display = item.child("displayData");
        XmlNode action = item.child("action");
        String providerKey = item.childText("providerKey");
        String subLayerKey = item.childText("subLayerKey");
        Named provider = providerKey == null ? null : providers.get(providerKey);
        Named subLayer = subLayerKey == null ? null : subLayers.get(subLayerKey);
        return new WfpFilter(filterId, item.childText("filterKey"),
                display == null ? null : display.childText("name"), display == null ? null : display.childText("description"),
                providerKey, provider == null ? null : provider.name(), item.childText("layerKey"), subLayerKey,
                subLayer == null ? null : subLayer.name(), action == null ? null : action.childText("type"));
    }

    private static void remember(XmlNode item, String keyElement, Map<String, Named> into) {
        String key = item.childText(keyElement);
        XmlNode display = item.child("displayData");
        String n = display == null ? null : display.childText("name");
        if (key != null) into.put(key, new Named(n));
    }

    private static XmlNode subtree(XMLStreamReader xml, String file) throws XMLStreamException, WfpImportException {
        Deque<XmlNode> stack = new ArrayDeque<>();
        XmlNode root = new XmlNode(xml.getLocalName(), xml.getLocation().getLineNumber());
        stack.push(root);
        int nodes = 1;
        while (!stack.isEmpty()) {
            int ev = xml.next();
            switch (ev) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++nodes > MAX_NODES_PER_ITEM) {
                        throw new WfpImportException(file + ": line " + root.line + ": an <item> with more than "
                                + MAX_NODES_PER_ITEM + " elements");
                    }
                    XmlNode n = new XmlNode(xml.getLocalName(), xml.getLocation().getLineNumber());
                    stack.peek().children.add(n);
                    stack.push(n);
                }
                case XMLStreamConstants.END_ELEMENT -> stack.pop();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (stack.peek().text.length() < 4096) {
                        stack.peek().text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                    }
                }
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new WfpImportException(file + ": line " + xml.getLocation().getLineNumber()
                                + ": entity references are not allowed");
                default -> { }
            }
        }
        return root;
    }

    private static String message(XMLStreamException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        return m.replaceAll("^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "").trim();
    }
}
