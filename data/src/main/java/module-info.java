/** The data sets in use (embedded default, data dir, overrides) and `update`. */
module wstool.data {
    requires transitive wstool.enrich;
    requires org.tukaani.xz;
    requires java.net.http;

    exports wstool.data;
}
