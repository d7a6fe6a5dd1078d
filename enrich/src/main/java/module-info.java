/** Address enrichment: the database readers and the Enricher. */
module wstool.enrich {
    requires transitive wstool.core;
    requires transitive com.maxmind.db;
    requires com.fasterxml.jackson.databind;

    exports wstool.enrich;

    // maxmind-db builds MmdbSchema's records through their @MaxMindDbConstructor constructors
    opens wstool.enrich to com.maxmind.db;
}
