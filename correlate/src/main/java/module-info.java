/** The correlation of monitor: hostnames, the process of each firewall verdict, flows and their files. */
module wstool.correlate {
    // Correlator is a core EventStage; Flow shows core's Endpoint, Enrichment and Source
    requires transitive wstool.core;
    requires de.siegmar.fastcsv;

    exports wstool.correlate;
}
