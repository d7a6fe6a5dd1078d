package wstool.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import wstool.etw.etl.EtlReader;

/**
 * The files a job reads, checked before any output is opened: present, a file, readable and of the kind the
 * command reads (sniffed from the first bytes), each problem one sentence naming the file.
 */
final class Inputs {
    /** What a command expects a file to hold. */
    enum Kind { JSONL, ETL, WFP_XML }

    private Inputs() {}

    /** @throws IOException naming the file and what is wrong with it */
    static Path check(Path file, Kind kind) throws IOException {
        if (Files.isDirectory(file)) throw new IOException(file + " is a directory, not " + describe(kind));
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString());
        if (!Files.isRegularFile(file)) throw new IOException(file + " is not a regular file");
        if (!Files.isReadable(file)) throw new IOException(file + " cannot be read (permission denied)");
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(512);
        }
        switch (kind) {
            case JSONL -> {
                int c = firstText(head);
                if (c >= 0 && c != '{') {
                    throw new IOException(file + " is not a JSON Lines recording of ws_tool (it does not start with '{')"
                            + (looksLikeEtl(file, head) ? "; it looks like an ETW capture: read it with 'trace --etl "
                            + file + " --all'" : ""));
                }
            }
            case WFP_XML -> {
                int c = firstXmlText(head);
                if (c != '<') throw new IOException(file + " is not netsh wfp XML (it does not start with '<')");
            }
            case ETL -> {
                try (EtlReader r = EtlReader.open(file)) {
                    // the header and the buffer index read: it is a capture (damage further in is reported while reading)
                } catch (wstool.etw.etl.EtlFormatException e) {
                    throw new IOException(file + " is not an ETW capture (.etl): " + e.getMessage(), e);
                }
            }
        }
        return file;
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case JSONL -> "a JSON Lines recording";
            case ETL -> "an ETW capture (.etl)";
            case WFP_XML -> "a netsh wfp XML file";
        };
    }

    /** The first byte that is not whitespace or a UTF-8 byte order mark, or -1 for none. */
    private static int firstText(byte[] head) {
        int i = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
        for (; i < head.length; i++) {
            int c = head[i] & 0xFF;
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return c;
        }
        return -1;
    }

    /**
     * The first character of netsh wfp XML that is not whitespace, or -1 for none: netsh writes UTF-8 or UTF-16, and
     * a UTF-16 file starts with its byte order mark (as the XML reader tells them apart).
     */
    private static int firstXmlText(byte[] head) {
        boolean le = head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE;
        boolean be = head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF;
        if (!le && !be) return firstText(head);
        for (int i = 2; i + 1 < head.length; i += 2) {
            int c = le ? (head[i] & 0xFF) | (head[i + 1] & 0xFF) << 8 : (head[i] & 0xFF) << 8 | (head[i + 1] & 0xFF);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return c;
        }
        return -1;
    }

    /** An .etl name, or a first buffer whose size field is a plausible ETW buffer size (a multiple of 1 KiB). */
    private static boolean looksLikeEtl(Path file, byte[] head) {
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".etl")) return true;
        if (head.length < 4) return false;
        long size = (head[0] & 0xFFL) | (head[1] & 0xFFL) << 8 | (head[2] & 0xFFL) << 16 | (head[3] & 0xFFL) << 24;
        return size >= 1024 && size <= (64L << 20) && size % 1024 == 0;
    }
}
