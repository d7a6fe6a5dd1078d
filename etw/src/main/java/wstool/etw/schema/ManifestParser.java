package wstool.etw.schema;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads ETW instrumentation manifests (the XML that {@code wevtutil gp /ge /gm} or provider dumps produce) into
 * {@link ProviderSchemas}. DTDs and external entities are refused.
 */
final class ManifestParser {
    private static final Map<String, Integer> LEVELS = Map.of("win:LogAlways", 0, "win:Critical", 1, "win:Error", 2,
            "win:Warning", 3, "win:Informational", 4, "win:Verbose", 5);
    private static final Map<String, Integer> STD_OPCODES = Map.of("win:Info", 0, "win:Start", 1, "win:Stop", 2,
            "win:DC_Start", 3, "win:DC_Stop", 4, "win:Extension", 5, "win:Reply", 6, "win:Resume", 7,
            "win:Suspend", 8, "win:Send", 9);

    private static final UUID KERNEL_NETWORK = UUID.fromString("7dd42a49-5329-4832-8dfd-43d979153a88");

    private ManifestParser() {}

    /** The providers a manifest declares. */
    public static List<ProviderSchemas> parse(InputStream in, String sourceName) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            doc = b.parse(in);
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException(sourceName + ": not a readable manifest: " + e.getMessage(), e);
        }
        Map<String, String> strings = new HashMap<>();
        for (Element s : elements(doc.getDocumentElement(), "string")) strings.put(s.getAttribute("id"), s.getAttribute("value"));
        List<ProviderSchemas> out = new ArrayList<>();
        for (Element p : elements(doc.getDocumentElement(), "provider")) out.add(provider(p, strings, sourceName));
        return out;
    }

    private static ProviderSchemas provider(Element p, Map<String, String> strings, String src) throws IOException {
        UUID guid = UUID.fromString(p.getAttribute("guid").replace("{", "").replace("}", ""));
        String name = p.getAttribute("name");
        Map<String, Integer> tasks = new HashMap<>();
        Map<String, Map<String, Integer>> taskOpcodes = new HashMap<>();
        Map<String, Integer> opcodes = new HashMap<>(STD_OPCODES);
        for (Element t : elements(p, "task")) {
            tasks.put(t.getAttribute("name"), (int) number(t.getAttribute("value"), src));
            Map<String, Integer> ops = new HashMap<>();
            for (Element o : elements(t, "opcode")) ops.put(o.getAttribute("name"), (int) number(o.getAttribute("value"), src));
            taskOpcodes.put(t.getAttribute("name"), ops);
        }
        for (Element o : elements(p, "opcode")) {
            if (!(o.getParentNode() instanceof Element pe && "opcodes".equals(pe.getTagName())
                    && pe.getParentNode() instanceof Element ppe && "task".equals(ppe.getTagName()))) {
                opcodes.put(o.getAttribute("name"), (int) number(o.getAttribute("value"), src));
            }
        }
        Map<String, Long> keywords = new HashMap<>();
        for (Element k : elements(p, "keyword")) keywords.put(k.getAttribute("name"), number(k.getAttribute("mask"), src));
        Map<String, ValueMap> maps = new LinkedHashMap<>();
        for (String kind : new String[]{"valueMap", "bitMap"}) {
            for (Element m : elements(p, kind)) {
                Map<Long, String> entries = new LinkedHashMap<>();
                for (Element e : elements(m, "map")) {
                    entries.put(number(e.getAttribute("value"), src), message(e.getAttribute("message"), strings));
                }
                maps.put(m.getAttribute("name"), new ValueMap(m.getAttribute("name"), kind.equals("bitMap"), entries));
            }
        }
        Map<String, List<FieldSchema>> templates = new HashMap<>();
        for (Element t : elements(p, "template")) templates.put(t.getAttribute("tid"), ipv6Addresses(guid, fields(t, src)));
        List<EventSchema> events = new ArrayList<>();
        for (Element e : elements(p, "event")) {
            int id = (int) number(e.getAttribute("value"), src);
            int version = e.hasAttribute("version") ? (int) number(e.getAttribute("version"), src) : 0;
            String task = e.getAttribute("task");
            String opcode = e.getAttribute("opcode");
            int taskValue = tasks.getOrDefault(task, 0);
            Integer opValue = taskOpcodes.getOrDefault(task, Map.of()).get(opcode);
            if (opValue == null) opValue = opcodes.getOrDefault(opcode, 0);
            long kw = 0;
            for (String k : e.getAttribute("keywords").trim().split("\\s+")) if (!k.isEmpty()) kw |= keywords.getOrDefault(k, 0L);
            String tid = e.getAttribute("template");
            List<FieldSchema> fields = tid.isEmpty() ? List.of() : templates.get(tid);
            if (fields == null) throw new IOException(src + ": event " + id + " names unknown template " + tid);
            events.add(new EventSchema(guid, name, id, version, taskValue, task, opValue,
                    opcode.startsWith("win:") ? opcode.substring(4) : opcode,
                    LEVELS.getOrDefault(e.getAttribute("level"), 0), kw, fields));
        }
        return new ProviderSchemas(guid, name, events, maps);
    }

    private static List<FieldSchema> fields(Element template, String src) throws IOException {
        List<FieldSchema> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Node n = template.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element d)) continue;
            if (d.getTagName().equals("struct")) throw new IOException(src + ": struct fields are not supported (template "
                    + template.getAttribute("tid") + ")");
            if (!d.getTagName().equals("data")) continue;
            String name = d.getAttribute("name");
            InType type;
            try {
                type = InType.parse(d.getAttribute("inType"));
            } catch (IllegalArgumentException e) {
                throw new IOException(src + ": " + e.getMessage() + " (field " + name + ")");
            }
            int lengthField = -1, fixedLength = -1, countField = -1, fixedCount = -1;
            String length = d.getAttribute("length");
            if (!length.isEmpty()) {
                if (Character.isDigit(length.charAt(0))) fixedLength = (int) number(length, src);
                else lengthField = ref(seen, length, name, src);
            }
            String count = d.getAttribute("count");
            if (!count.isEmpty()) {
                if (Character.isDigit(count.charAt(0))) fixedCount = (int) number(count, src);
                else countField = ref(seen, count, name, src);
            }
            String map = d.getAttribute("map");
            seen.put(name, out.size());
            out.add(new FieldSchema(name, type, lengthField, fixedLength, countField, fixedCount, map.isEmpty() ? null : map));
        }
        return out;
    }

    /**
     * Kernel-Network's IPv6 events declare daddr/saddr as Binary with outType win:IPv6, which fixes them at 16 bytes;
     * the manifest dumps in the fixtures drop outType, so that one fact is restored here.
     */
    private static List<FieldSchema> ipv6Addresses(UUID provider, List<FieldSchema> fields) {
        if (!provider.equals(KERNEL_NETWORK)) return fields;
        List<FieldSchema> out = new ArrayList<>(fields.size());
        for (FieldSchema f : fields) {
            boolean addr = f.type() == InType.BINARY && f.lengthField() < 0 && f.fixedLength() < 0
                    && (f.name().equals("daddr") || f.name().equals("saddr"));
            out.add(addr ? new FieldSchema(f.name(), f.type(), -1, 16, f.countField(), f.fixedCount(), f.map()) : f);
        }
        return out;
    }

    private static int ref(Map<String, Integer> seen, String field, String of, String src) throws IOException {
        Integer i = seen.get(field);
        if (i == null) throw new IOException(src + ": field " + of + " refers to " + field + ", which does not precede it");
        return i;
    }

    private static String message(String msg, Map<String, String> strings) {
        if (msg.startsWith("$(string.") && msg.endsWith(")")) {
            String id = msg.substring(9, msg.length() - 1);
            String v = strings.get(id);
            if (v != null) return v;
            int cut = id.indexOf("_ValueMap");
            return cut >= 0 ? id.substring(cut + 9) : id;
        }
        return msg;
    }

    private static long number(String s, String src) throws IOException {
        try {
            String t = s.trim();
            return t.startsWith("0x") || t.startsWith("0X") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IOException(src + ": not a number: '" + s + "'");
        }
    }

    private static List<Element> elements(Element root, String tag) {
        NodeList nl = root.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>(nl.getLength());
        for (int i = 0; i < nl.getLength(); i++) out.add((Element) nl.item(i));
        return out;
    }
}
