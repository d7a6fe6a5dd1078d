package wstool.winlayout;

import com.sun.jna.Structure;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compile-only check of JNA structures against the Windows SDK headers that mingw-w64 ships, for structures (or
 * fields) the SDK layout table lacks. Writes a C file of {@code _Static_assert(sizeof(T) == N)} and
 * {@code _Static_assert(offsetof(T, f) == N)} from the offsets JNA actually uses and compiles it with
 * {@code x86_64-w64-mingw32-gcc -fsyntax-only}. When an assertion fails, a second compile reads the C values so
 * that each failure names the field and both offsets.
 *
 * <pre>{@code
 * MingwProbe.create()
 *     .include("fwpmu.h")
 *     .declarations("typedef struct FWPM_NET_EVENT2_ { ... } FWPM_NET_EVENT2;")   // types mingw lacks
 *     .expect(new FOO(), "FOO")                          // size + every top-level field, C names = JNA names
 *     .expect(new BAR(), "BAR", Map.of("u", ""))        // "": JNA field u is an anonymous C union: check its members
 *     .assertPasses();
 * }</pre>
 */
public final class MingwProbe {

    /** Compiler executable name (Debian package {@value #APT_PACKAGE}). */
    public static final String COMPILER = "x86_64-w64-mingw32-gcc";
    public static final String APT_PACKAGE = "gcc-mingw-w64-x86-64";
    /** Headers included by default, after {@code _WIN32_WINNT} is set to Windows 10. */
    public static final List<String> DEFAULT_HEADERS = List.of("windows.h", "evntrace.h", "evntcons.h", "tdh.h");

    private static final Pattern ARRAY_TYPE = Pattern.compile("char \\(\\*\\)\\[(\\d+)\\]");
    private static final Pattern LINE = Pattern.compile("^[^:]*\\.c:(\\d+):\\d+: (?:error|warning): (.*)$");

    private final List<String> headers = new ArrayList<>(DEFAULT_HEADERS);
    private final StringBuilder declarations = new StringBuilder();
    private final List<Check> checks = new ArrayList<>();

    /** One assertion: C expression, the value JNA uses, and its label (TYPE.field or TYPE.SIZEOF). */
    record Check(String label, String expression, int jnaValue, String kind) {
    }

    /** Outcome of {@link #run()}. */
    public record Result(boolean ok, List<String> failures, String source, String compilerOutput) {
    }

    private MingwProbe() {
    }

    public static MingwProbe create() {
        return new MingwProbe();
    }

    /** Adds {@code #include <header>} after the default headers. */
    public MingwProbe include(String header) {
        headers.add(header);
        return this;
    }

    /** C declarations (types mingw lacks) placed after the includes. */
    public MingwProbe declarations(String c) {
        declarations.append(c).append('\n');
        return this;
    }

    /** Expects the size and every top-level field offset of {@code s} to match C type {@code cType}. */
    public MingwProbe expect(Structure s, String cType) {
        return expect(s, cType, Map.of());
    }

    /**
     * As {@link #expect(Structure, String)}; {@code cNames} maps a JNA field path to its C member designator
     * ({@code "u.s.x"}); an empty designator means the JNA field is an anonymous C struct/union, so its members are
     * checked instead, each under its own name (or its mapping). Members of named nested structures are checked
     * too, as {@code outer.member}.
     */
    public MingwProbe expect(Structure s, String cType, Map<String, String> cNames) {
        StructLayout layout = JnaLayouts.actual(s);
        checks.add(new Check(cType + ".SIZEOF", "sizeof(" + cType + ")", layout.size(), "size"));
        addFields(layout, "", 0, cType, "", cNames);
        return this;
    }

    /** Expects only the named top-level JNA fields (e.g. {@link WinLayout.TableCheck#uncoveredFields()}). */
    public MingwProbe expectFields(Structure s, String cType, List<String> jnaFields, Map<String, String> cNames) {
        StructLayout layout = JnaLayouts.actual(s);
        StructLayout only = new StructLayout(layout.name(), layout.union(), layout.size(), layout.alignment(),
                layout.fields().stream().filter(f -> jnaFields.contains(f.name())).toList());
        addFields(only, "", 0, cType, "", cNames);
        return this;
    }

    private void addFields(StructLayout layout, String jnaPrefix, int base, String cType, String cPrefix,
                           Map<String, String> cNames) {
        for (StructLayout.Field f : layout.fields()) {
            String path = jnaPrefix + f.name();
            String c = cNames.containsKey(path) ? cNames.get(path) : cPrefix + f.name();
            if (c.isEmpty()) {
                if (f.nested() == null) {
                    throw new IllegalArgumentException(path + " is mapped to an anonymous member but is no struct");
                }
                addFields(f.nested(), path + ".", base + f.offset(), cType, cPrefix, cNames);
                continue;
            }
            checks.add(new Check(cType + "." + c, "offsetof(" + cType + ", " + c + ")", base + f.offset(), "offset"));
            if (f.nested() != null) {
                addFields(f.nested(), path + ".", base + f.offset(), cType, c + ".", cNames);
            }
        }
    }

    /** The C source of the assertion file. */
    public String source() {
        StringBuilder b = preamble();
        for (Check c : checks) {
            b.append("_Static_assert(").append(c.expression()).append(" == ").append(c.jnaValue()).append(", \"")
                    .append(c.label()).append(": JNA ").append(c.kind()).append(' ').append(c.jnaValue())
                    .append("\");\n");
        }
        return b.toString();
    }

    private String valueDumpSource(Map<Integer, Check> byLine) {
        StringBuilder b = preamble();
        int i = 0;
        for (Check c : checks) {
            byLine.put(lineCount(b) + 1, c);
            b.append("static char (*wl_value_").append(i++).append(")[").append(c.expression())
                    .append(" + 1] = (int *) 0;\n");
        }
        return b.toString();
    }

    private StringBuilder preamble() {
        StringBuilder b = new StringBuilder("/* generated by wstool.winlayout.MingwProbe: compile-only layout check */\n");
        b.append("#define _WIN32_WINNT 0x0A00\n#define NTDDI_VERSION 0x0A000000\n#define INITGUID\n");
        for (String h : headers) {
            b.append("#include <").append(h).append(">\n");
        }
        b.append("#include <stddef.h>\n").append(declarations);
        return b;
    }

    private static int lineCount(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** Compiles the probe; requires the compiler (see {@link #compiler()}). */
    public Result run() {
        Path gcc = compiler().orElseThrow(() -> new IllegalStateException(missingMessage()));
        String src = source();
        Compiled first = compile(gcc, src);
        if (first.exitCode == 0) {
            return new Result(true, List.of(), src, first.output);
        }
        List<String> failed = new ArrayList<>();
        List<String> otherErrors = new ArrayList<>();
        for (String line : first.output.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches() && m.group(2).startsWith("static assertion failed")) {
                failed.add(m.group(2));
            } else if (m.matches() && line.contains(": error: ")
                    && !m.group(2).startsWith("expression in static assertion is not an integer")) {
                otherErrors.add(line);
            }
        }
        if (failed.isEmpty() || !otherErrors.isEmpty()) {
            String detail = otherErrors.isEmpty() ? first.output : String.join("\n", otherErrors);
            return new Result(false, List.of("probe did not compile:\n" + detail), src, first.output);
        }
        Map<Integer, Check> byLine = new LinkedHashMap<>();
        Compiled values = compile(gcc, valueDumpSource(byLine));
        Map<String, Integer> cValues = new LinkedHashMap<>();
        for (String line : values.output.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                Matcher a = ARRAY_TYPE.matcher(m.group(2));
                Check c = byLine.get(Integer.parseInt(m.group(1)));
                if (a.find() && c != null) {
                    cValues.put(c.label(), Integer.parseInt(a.group(1)) - 1);
                }
            }
        }
        List<String> failures = new ArrayList<>();
        for (Check c : checks) {
            Integer v = cValues.get(c.label());
            if (v != null && v != c.jnaValue()) {
                failures.add(c.label() + ": JNA " + c.kind() + " " + c.jnaValue() + ", Windows x64 (mingw-w64) "
                        + c.kind() + " " + v);
            }
        }
        if (failures.isEmpty()) {
            failures.addAll(failed); // values unreadable: still report the assertions gcc named
        }
        return new Result(false, List.copyOf(failures), src, first.output);
    }

    /** {@link #run()}, throwing {@link AssertionError} with every failure. */
    public Result assertPasses() {
        Result r = run();
        if (!r.ok()) {
            throw new AssertionError("mingw-w64 layout probe failed:\n  " + String.join("\n  ", r.failures()));
        }
        return r;
    }

    private record Compiled(int exitCode, String output) {
    }

    private static Compiled compile(Path gcc, String source) {
        try {
            Path dir = Files.createTempDirectory("winlayout-probe");
            Path file = dir.resolve("probe.c");
            try {
                Files.writeString(file, source, StandardCharsets.UTF_8);
                ProcessBuilder pb = new ProcessBuilder(gcc.toString(), "-fsyntax-only", "-std=gnu11",
                        "-fdiagnostics-color=never", file.toString()).redirectErrorStream(true);
                pb.environment().put("LC_ALL", "C");
                Process p = pb.start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(COMPILER + " did not finish within 120 s");
                }
                return new Compiled(p.exitValue(), new String(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + gcc, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling the layout probe", e);
        }
    }

    /** The compiler on PATH, if present. */
    public static Optional<Path> findCompiler() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, COMPILER);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static volatile Optional<Path> resolved;

    /**
     * The compiler, looked up on PATH once. Nothing is installed here (scripts/install-test-deps.sh installs
     * {@value #APT_PACKAGE}); when it is missing, callers skip loudly with {@link #missingMessage()}.
     */
    public static synchronized Optional<Path> compiler() {
        if (resolved == null) {
            resolved = findCompiler();
            if (resolved.isEmpty()) {
                System.err.println("[winlayout] WARNING: " + missingMessage());
            }
        }
        return resolved;
    }

    /** The loud skip reason used when the compiler is unavailable. */
    public static String missingMessage() {
        return "SKIPPED: Windows x64 layout probe needs " + COMPILER + " on PATH (scripts/install-test-deps.sh, or apt-get install "
                + APT_PACKAGE + "); structures the SDK layout table lacks are NOT verified";
    }
}
