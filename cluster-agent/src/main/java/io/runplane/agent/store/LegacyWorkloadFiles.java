package io.runplane.agent.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.runplane.agent.workload.WorkloadState;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The workload files of agents before the journal: {@code <uuid>.json} per workload and
 * {@code removed-revision}. Read once, when a data directory has no snapshot yet.
 */
final class LegacyWorkloadFiles {

    private static final Logger LOG = Logger.getLogger(LegacyWorkloadFiles.class.getName());

    private LegacyWorkloadFiles() {
    }

    /** Files of the old format left when a crash came between writing the snapshot and deleting them. */
    static List<Path> leftovers(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> json = Files.newDirectoryStream(dir, "*.json")) {
            json.forEach(files::add);
        }
        Path revisionFile = dir.resolve("removed-revision");
        if (Files.exists(revisionFile)) {
            files.add(revisionFile);
        }
        return files;
    }

    /**
     * Adds the stored workloads to the image and returns the files read, to delete once they are in a
     * snapshot. Unreadable files are moved aside as {@code <name>.corrupt}.
     */
    static List<Path> load(Path dir, ObjectMapper json, Map<String, byte[]> image, long[] removedRevision) throws IOException {
        List<Path> read = new ArrayList<>();
        Path revisionFile = dir.resolve("removed-revision");
        if (Files.exists(revisionFile)) {
            try {
                removedRevision[0] = Long.parseLong(Files.readString(revisionFile).trim());
            } catch (NumberFormatException e) {
                LOG.warning("unreadable " + revisionFile + "; revisions continue from the stored workloads");
            }
            read.add(revisionFile);
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                byte[] content = Files.readAllBytes(f);
                try {
                    WorkloadState w = json.readValue(content, WorkloadState.class);
                    image.put(w.uuid(), WorkloadStore.savedRecord(w.uuid(), json.writeValueAsBytes(w)));
                    read.add(f);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "stored workload " + f + " is unreadable; moved aside", e);
                    Files.move(f, f.resolveSibling(f.getFileName() + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return read;
    }
}
