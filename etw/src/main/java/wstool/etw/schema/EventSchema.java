package wstool.etw.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The layout and names of one event (provider, id, version) as its manifest declares it. */
public final class EventSchema {
    private final UUID provider;
    private final String providerName;
    private final int id, version, task, opcode, level;
    private final String taskName, opcodeName, eventName;
    private final long keywords;
    private final FieldSchema[] fields;
    private final Map<String, Integer> index = new HashMap<>();

    public EventSchema(UUID provider, String providerName, int id, int version, int task, String taskName,
                       int opcode, String opcodeName, int level, long keywords, List<FieldSchema> fields) {
        this.provider = provider;
        this.providerName = providerName;
        this.id = id;
        this.version = version;
        this.task = task;
        this.taskName = taskName;
        this.opcode = opcode;
        this.opcodeName = opcodeName;
        this.eventName = opcodeName.isEmpty() ? taskName : taskName + "/" + opcodeName;
        this.level = level;
        this.keywords = keywords;
        this.fields = fields.toArray(new FieldSchema[0]);
        for (int i = 0; i < this.fields.length; i++) index.putIfAbsent(this.fields[i].name().toLowerCase(Locale.ROOT), i);
    }

    public UUID provider() { return provider; }
    public String providerName() { return providerName; }
    public int id() { return id; }
    public int version() { return version; }
    public int task() { return task; }
    public String taskName() { return taskName; }
    public int opcode() { return opcode; }
    public String opcodeName() { return opcodeName; }
    /** "Task/Opcode", or the task alone when the opcode has no name: the {@code event} raw field, made once. */
    public String eventName() { return eventName; }
    public int level() { return level; }
    public long keywords() { return keywords; }
    public int fieldCount() { return fields.length; }
    public FieldSchema field(int i) { return fields[i]; }
    public List<FieldSchema> fields() { return List.of(fields); }

    /** Index of the field with this name (case-insensitive), -1 when absent. */
    public int indexOf(String name) {
        Integer i = index.get(name.toLowerCase(Locale.ROOT));
        return i == null ? -1 : i;
    }

    @Override
    public String toString() {
        return providerName + " id " + id + " v" + version + " " + taskName + "/" + opcodeName;
    }
}
