package wstool.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import wstool.core.sink.OutputFile;

/**
 * Every place a job writes to (--csv, --jsonl, --ecs, --verify-report and its .md), checked together before the
 * job starts: no two the same (also both '-'), none of them an input (same file also through hard or symbolic
 * links), each one writable. Any problem is a usage error and nothing has been touched.
 */
final class Outputs {
    /** An option and the path it names ("-" = stdout). */
    record Named(String option, Path path) {
        boolean stdout() { return OutputOptions.isStdout(path); }

        @Override
        public String toString() { return option + " " + path; }
    }

    private Outputs() {}

    /** @throws UsageException for the first clash of an output with another output or with an input */
    static void checkDistinct(List<Named> outputs, List<Path> inputs) {
        for (int i = 0; i < outputs.size(); i++) {
            Named a = outputs.get(i);
            for (int j = i + 1; j < outputs.size(); j++) {
                Named b = outputs.get(j);
                if (a.stdout() && b.stdout()) {
                    throw new UsageException(a.option() + " and " + b.option() + " both write to stdout ('-'); give one of them a file");
                }
                if (!a.stdout() && !b.stdout() && same(a.path(), b.path())) {
                    throw new UsageException(a + " and " + b + " are the same file; give each output its own");
                }
            }
            if (a.stdout()) continue;
            for (Path in : inputs) {
                if (same(a.path(), in)) {
                    throw new UsageException(a + " is the input " + in + " itself; it would be overwritten (nothing was written)");
                }
            }
        }
    }

    /**
     * Whether two paths name one file: the same file key (inode) when both exist, hard and symbolic links
     * included, else the same real folder and name.
     */
    static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) return Files.isSameFile(a, b);
            return canonical(a).equals(canonical(b));
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /** The path with its folder resolved through links; a dangling symbolic link counts as its target. */
    private static Path canonical(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(abs)) {
            Path target = Files.readSymbolicLink(abs);
            abs = abs.resolveSibling(target).normalize();
        }
        Path dir = abs.getParent();
        return dir != null && Files.exists(dir, LinkOption.NOFOLLOW_LINKS) || dir != null && Files.exists(dir)
                ? dir.toRealPath().resolve(abs.getFileName()) : abs;
    }

    /**
     * Checks that a file output can be written where it is named (the folder exists and takes a new file) by
     * creating its temporary file; the caller keeps it (an export) or drops it (a probe).
     *
     * @throws UsageException naming the option, the file and the reason
     */
    static OutputFile open(Named output) {
        try {
            return OutputFile.create(output.path());
        } catch (OutputFile.OutputProblem e) {
            throw new UsageException(output.option() + " " + e.getMessage());
        }
    }

    /** Probes every output that is written only at the end (the verification report), so it fails now, not then. */
    static void probe(List<Named> outputs) {
        List<OutputFile> probes = new ArrayList<>();
        try {
            for (Named n : outputs) if (!n.stdout()) probes.add(open(n));
        } finally {
            probes.forEach(OutputFile::close);
        }
    }
}
