/** The commands. Exports nothing: ws_tool.jar's main class is the only way in. */
module wstool.cli {
    requires wstool.core;
    requires wstool.correlate;
    requires wstool.data;
    requires wstool.etw;
    requires wstool.linux;
    requires wstool.siem;
    requires wstool.tui;
    requires wstool.verify;
    requires wstool.wfp;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires com.sun.jna.platform;

    // picocli instantiates the commands, mixins and converters and sets their option fields reflectively
    opens wstool.cli to info.picocli;
}
