package wstool.cli;

import java.nio.file.Path;
import java.util.List;
import wstool.core.pipeline.EventStage;
import wstool.wfp.WfpFilterCatalog;

/** --wfp-state files: the filters they describe, as a stage that names who blocked each verdict. */
final class WfpStates {
    private WfpStates() {}

    /**
     * @return null without files
     * @throws wstool.wfp.WfpImportException naming a file that is not a state or filters dump
     */
    static EventStage describer(List<Path> files) throws Exception {
        if (files.isEmpty()) return null;
        WfpFilterCatalog catalog = WfpFilterCatalog.read(files);
        return EventStage.map(catalog::describe);
    }
}
