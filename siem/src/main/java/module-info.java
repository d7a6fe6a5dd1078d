/** The SIEM outputs: ECS documents and syslog forwarding. */
module wstool.siem {
    requires transitive wstool.core;
    requires com.fasterxml.jackson.databind;

    exports wstool.siem.ecs;
    exports wstool.siem.syslog;
}
