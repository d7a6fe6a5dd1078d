/**
 * The event model, the pipeline, filters, sinks and replay: everything every other module builds on. Exports all of
 * its packages, since each is used by at least one other module (see the README's architecture section).
 */
module wstool.core {
    // EventJson.write(NetEvent, JsonGenerator) is part of the sink API
    requires transitive com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires de.siegmar.fastcsv;

    exports wstool.core.filter;
    exports wstool.core.model;
    exports wstool.core.net;
    exports wstool.core.pipeline;
    exports wstool.core.replay;
    exports wstool.core.sink;
}
