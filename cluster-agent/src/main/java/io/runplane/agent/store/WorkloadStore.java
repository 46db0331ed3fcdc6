package io.runplane.agent.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.runplane.agent.workload.WorkloadState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Workloads on disk: one JSON file per workload ({@code workloads/<uuid>.json}) holding its spec,
 * status, pods and event history, replaced atomically on every change, and the revision of the
 * last removal ({@code workloads/removed-revision}). A file that cannot be read
 * is moved aside as {@code <name>.corrupt} and reported, never silently dropped.
 */
public final class WorkloadStore {

    private static final Logger LOG = Logger.getLogger(WorkloadStore.class.getName());

    private final Path dir;
    private final ObjectMapper json = StoreJson.mapper();

    public WorkloadStore(Path dataDir) {
        this.dir = dataDir.resolve("workloads");
    }

    public void save(WorkloadState workload) {
        try {
            AtomicFiles.write(file(workload.uuid()), json.writeValueAsBytes(workload));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store workload " + workload.uuid(), e);
        }
    }

    /**
     * Removes a workload. The revision of its removal is recorded first, so that revisions never
     * go back after a restart even when the newest change was a removal.
     */
    public void delete(String uuid, long revision) {
        try {
            AtomicFiles.write(revisionFile(), Long.toString(revision).getBytes(StandardCharsets.UTF_8));
            AtomicFiles.delete(file(uuid));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete stored workload " + uuid, e);
        }
    }

    /** The revision of the last removal, 0 when nothing was ever removed. */
    public long removedRevision() throws IOException {
        Path file = revisionFile();
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (NumberFormatException e) {
            LOG.warning("unreadable " + file + "; revisions continue from the stored workloads");
            return 0;
        }
    }

    private Path revisionFile() {
        return dir.resolve("removed-revision");
    }

    /** Every stored workload; leftovers of interrupted writes are removed, unreadable files set aside. */
    public List<WorkloadState> loadAll() throws IOException {
        List<WorkloadState> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(AtomicFiles.TEMP_SUFFIX)) {
                    Files.deleteIfExists(f);
                } else if (name.endsWith(".json")) {
                    try {
                        out.add(json.readValue(f.toFile(), WorkloadState.class));
                    } catch (IOException e) {
                        LOG.log(Level.WARNING, "stored workload " + f + " is unreadable; moved aside", e);
                        Files.move(f, f.resolveSibling(name + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return out;
    }

    private Path file(String uuid) {
        return dir.resolve(uuid + ".json");
    }
}
