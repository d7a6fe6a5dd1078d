package wstool.wfp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The one way ws_tool reads netsh XML: DTDs refused (so no external entity and no entity expansion is ever
 * processed), entity references not replaced, parser messages not printed. Also reads a document with more than
 * one root element, as {@code netsh wfp show state} writes ({@code <wfpstate>} then {@code <firewallState>}).
 */
final class SafeXml {
    /** The element the roots of a several-roots document are read under. */
    static final String ROOTS = "ws_tool-roots";

    private SafeXml() {}

    static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setXMLReporter((message, type, info, location) -> { }); // errors surface as exceptions, not stderr lines
        return f;
    }

    /**
     * A reader over every root element of the document, all as children of one {@link #ROOTS} element. The XML
     * declaration is dropped (it could not stand inside an element); line numbers stay those of the file.
     */
    static XMLStreamReader allRoots(InputStream in) throws IOException, XMLStreamException {
        PushbackReader text = new PushbackReader(decoded(in), 512);
        char[] head = new char[512];
        int n = text.read(head, 0, head.length);
        String start = n <= 0 ? "" : new String(head, 0, n);
        int skip = 0;
        if (start.startsWith("<?xml")) {
            int end = start.indexOf("?>");
            if (end > 0) skip = end + 2;
        }
        if (n > skip) text.unread(head, skip, n - skip);
        Reader body = new SequenceReader(new StringReader("<" + ROOTS + ">"), text, new StringReader("</" + ROOTS + ">"));
        return factory().createXMLStreamReader(body);
    }

    /** The text, by its byte order mark (netsh writes UTF-8 or UTF-16), else UTF-8; a bad byte is an error. */
    static Reader decoded(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(3);
        int b0 = in.read(), b1 = in.read(), b2 = in.read();
        Charset cs;
        in.reset();
        if (b0 == 0xFF && b1 == 0xFE) { cs = StandardCharsets.UTF_16LE; in.skip(2); }
        else if (b0 == 0xFE && b1 == 0xFF) { cs = StandardCharsets.UTF_16BE; in.skip(2); }
        else if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) { cs = StandardCharsets.UTF_8; in.skip(3); }
        else cs = StandardCharsets.UTF_8;
        return new InputStreamReader(in, cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** Readers one after the other. */
    private static final class SequenceReader extends Reader {
        private final Reader[] parts;
        private int current;

        SequenceReader(Reader... parts) { this.parts = parts; }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            while (current < parts.length) {
                int n = parts[current].read(buf, off, len);
                if (n > 0) return n;
                if (n < 0) current++;
                else if (len == 0) return 0;
            }
            return -1;
        }

        @Override
        public void close() throws IOException {
            for (Reader r : parts) r.close();
        }
    }
}
