/** --verify: the socket-lifecycle checks and their reports. */
module wstool.verify {
    requires transitive wstool.core;
    requires com.fasterxml.jackson.core;

    exports wstool.verify;
}
