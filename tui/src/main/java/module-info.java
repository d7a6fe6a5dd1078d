/** The full-screen terminal view. */
module wstool.tui {
    requires transitive wstool.core;
    requires org.jline;
    requires java.management;

    exports wstool.tui;
}
