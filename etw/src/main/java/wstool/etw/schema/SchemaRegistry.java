package wstool.etw.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Event schemas by provider GUID, event id and version, with the providers' value maps.
 * <p>
 * The built-in registry ({@link #builtIn()}) is the resource {@value #RESOURCE}, generated from the manifests in the
 * fixtures by {@link SchemaGenerator} (a test checks that it is up to date), plus the NT Kernel Logger's classic
 * TcpIp/UdpIp classes ({@link KernelLoggerSchemas}) and Microsoft-Windows-PktMon ({@link PktMonSchemas}), which no
 * manifest dump describes, and NDIS-PacketCapture's fragment ({@link NdisCaptureSchemas}). Text format, tab separated:
 * {@code P guid name}, then per map entry {@code M name bitmap(0/1) value text}, per event
 * {@code E id version task taskName opcode opcodeName level keywordsHex fields} with fields
 * {@code name:Type[:L=len][:C=count][:M=map]} joined by ';' (len/count: a number or an earlier field's index
 * prefixed with '#').
 */
public final class SchemaRegistry {
    public static final String RESOURCE = "/wstool/etw/schema/etw-schemas.tsv";
    private static volatile SchemaRegistry builtIn;

    private final Map<UUID, Provider> providers = new LinkedHashMap<>();

    private static final class Provider {
        final String name;
        final Map<Integer, EventSchema> events = new HashMap<>();
        final Map<String, ValueMap> maps = new TreeMap<>();
        /** events indexed by id then version, built on first lookup (no boxing on the hot path). */
        volatile EventSchema[][] byId;
        Provider(String name) { this.name = name; }

        EventSchema find(int id, int version) {
            EventSchema[][] t = byId;
            if (t == null) byId = t = index();
            if (id < 0 || id >= t.length || t[id] == null || version < 0 || version >= t[id].length) return null;
            return t[id][version];
        }

        private EventSchema[][] index() {
            int max = -1;
            for (EventSchema e : events.values()) max = Math.max(max, e.id());
            EventSchema[][] t = new EventSchema[max + 1][];
            for (EventSchema e : events.values()) {
                EventSchema[] row = t[e.id()];
                if (row == null || row.length <= e.version()) {
                    EventSchema[] bigger = new EventSchema[e.version() + 1];
                    if (row != null) System.arraycopy(row, 0, bigger, 0, row.length);
                    t[e.id()] = row = bigger;
                }
                row[e.version()] = e;
            }
            return t;
        }
    }

    public static SchemaRegistry builtIn() {
        SchemaRegistry r = builtIn;
        if (r == null) {
            try (InputStream in = SchemaRegistry.class.getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
                r = read(in);
                for (ProviderSchemas p : KernelLoggerSchemas.all()) r.add(p);
                r.add(PktMonSchemas.schemas());
                r.add(NdisCaptureSchemas.schemas());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builtIn = r;
        }
        return r;
    }

    /** Adds providers; an event already present (same provider, id, version) is replaced. */
    public void add(ProviderSchemas p) {
        Provider prov = providers.computeIfAbsent(p.guid(), g -> new Provider(p.name()));
        prov.maps.putAll(p.maps());
        for (EventSchema e : p.events()) prov.events.put(key(e.id(), e.version()), e);
        prov.byId = null;
    }

    public EventSchema lookup(UUID provider, int id, int version) {
        Provider p = providers.get(provider);
        return p == null ? null : p.find(id, version);
    }

    public ValueMap map(UUID provider, String name) {
        Provider p = providers.get(provider);
        return p == null || name == null ? null : p.maps.get(name);
    }

    public String providerName(UUID provider) {
        Provider p = providers.get(provider);
        return p == null ? null : p.name;
    }

    public Collection<UUID> providers() { return providers.keySet(); }

    public List<EventSchema> events(UUID provider) {
        Provider p = providers.get(provider);
        if (p == null) return List.of();
        List<EventSchema> out = new ArrayList<>(p.events.values());
        out.sort(java.util.Comparator.comparingInt(EventSchema::id).thenComparingInt(EventSchema::version));
        return out;
    }

    private static int key(int id, int version) { return id << 8 | (version & 0xFF); }

    public void write(Writer w) throws IOException {
        for (Map.Entry<UUID, Provider> pe : providers.entrySet()) {
            Provider p = pe.getValue();
            w.write("P\t" + pe.getKey() + "\t" + clean(p.name) + "\n");
            for (ValueMap m : p.maps.values()) {
                for (Map.Entry<Long, String> e : m.entries().entrySet()) {
                    w.write("M\t" + clean(m.name()) + "\t" + (m.bitMap() ? 1 : 0) + "\t" + e.getKey() + "\t" + clean(e.getValue()) + "\n");
                }
            }
            for (EventSchema e : new TreeMap<>(p.events).values()) {
                StringBuilder f = new StringBuilder();
                for (FieldSchema fs : e.fields()) {
                    if (f.length() > 0) f.append(';');
                    f.append(name(fs.name())).append(':').append(fs.type().name());
                    if (fs.lengthField() >= 0) f.append(":L=#").append(fs.lengthField());
                    if (fs.fixedLength() >= 0) f.append(":L=").append(fs.fixedLength());
                    if (fs.countField() >= 0) f.append(":C=#").append(fs.countField());
                    if (fs.fixedCount() >= 0) f.append(":C=").append(fs.fixedCount());
                    if (fs.map() != null) f.append(":M=").append(name(fs.map()));
                }
                w.write("E\t" + e.id() + "\t" + e.version() + "\t" + e.task() + "\t" + clean(e.taskName()) + "\t"
                        + e.opcode() + "\t" + clean(e.opcodeName()) + "\t" + e.level() + "\t"
                        + Long.toHexString(e.keywords()) + "\t" + f + "\n");
            }
        }
    }

    public static SchemaRegistry read(InputStream in) throws IOException {
        SchemaRegistry r = new SchemaRegistry();
        BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        UUID current = null;
        Provider prov = null;
        Map<String, Map<Long, String>> mapEntries = new LinkedHashMap<>();
        Map<String, Boolean> mapKinds = new HashMap<>();
        String line;
        int lineNo = 0;
        while ((line = br.readLine()) != null) {
            lineNo++;
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] t = line.split("\t", -1);
            try {
                switch (t[0]) {
                    case "P":
                        flushMaps(prov, mapEntries, mapKinds);
                        current = UUID.fromString(t[1]);
                        prov = new Provider(t[2]);
                        r.providers.put(current, prov);
                        break;
                    case "M":
                        mapEntries.computeIfAbsent(t[1], k -> new LinkedHashMap<>()).put(Long.parseLong(t[3]), t[4]);
                        mapKinds.put(t[1], t[2].equals("1"));
                        break;
                    case "E":
                        List<FieldSchema> fields = new ArrayList<>();
                        if (!t[9].isEmpty()) for (String spec : t[9].split(";")) fields.add(field(spec));
                        EventSchema e = new EventSchema(current, prov.name, Integer.parseInt(t[1]), Integer.parseInt(t[2]),
                                Integer.parseInt(t[3]), t[4], Integer.parseInt(t[5]), t[6], Integer.parseInt(t[7]),
                                Long.parseUnsignedLong(t[8], 16), fields);
                        prov.events.put(key(e.id(), e.version()), e);
                        break;
                    default:
                        throw new IOException("unknown line kind " + t[0]);
                }
            } catch (RuntimeException ex) {
                throw new IOException("schema line " + lineNo + " is malformed: " + ex.getMessage(), ex);
            }
        }
        flushMaps(prov, mapEntries, mapKinds);
        return r;
    }

    private static void flushMaps(Provider prov, Map<String, Map<Long, String>> entries, Map<String, Boolean> kinds) {
        if (prov != null) {
            for (Map.Entry<String, Map<Long, String>> e : entries.entrySet()) {
                prov.maps.put(e.getKey(), new ValueMap(e.getKey(), kinds.get(e.getKey()), e.getValue()));
            }
        }
        entries.clear();
        kinds.clear();
    }

    private static FieldSchema field(String spec) {
        String[] p = spec.split(":");
        int lf = -1, fl = -1, cf = -1, fc = -1;
        String map = null;
        for (int i = 2; i < p.length; i++) {
            String v = p[i].substring(2);
            switch (p[i].substring(0, 2)) {
                case "L=": if (v.startsWith("#")) lf = Integer.parseInt(v.substring(1)); else fl = Integer.parseInt(v); break;
                case "C=": if (v.startsWith("#")) cf = Integer.parseInt(v.substring(1)); else fc = Integer.parseInt(v); break;
                case "M=": map = v; break;
                default: throw new IllegalArgumentException("bad field attribute " + p[i]);
            }
        }
        return new FieldSchema(p[0], InType.valueOf(p[1]), lf, fl, cf, fc, map);
    }

    private static String clean(String s) { return s.replace('\t', ' ').replace('\n', ' '); }

    private static String name(String s) {
        if (s.indexOf(':') >= 0 || s.indexOf(';') >= 0 || s.indexOf('\t') >= 0) {
            throw new IllegalArgumentException("field or map name not representable: " + s);
        }
        return s;
    }
}
