package wstool.cli;

import java.nio.file.Path;
import java.util.List;
import wstool.core.pipeline.EventStage;

/** --wfp-state files: the filters they describe, as a stage that names the filter of each verdict. */
final class WfpStates {
    private WfpStates() {}

    /** @return null without files */
    static EventStage describer(List<Path> files) throws Exception {
        if (files.isEmpty()) return null;
        throw new UsageException("--wfp-state is not read yet");
    }
}
