package wstool.etw.schema;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What one manifest says about one provider: its events and value maps. */
record ProviderSchemas(UUID guid, String name, List<EventSchema> events, Map<String, ValueMap> maps) {
}
