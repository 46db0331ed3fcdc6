package io.runplane.agent.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.runplane.agent.workload.WorkloadState;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * status, pods and event history, replaced atomically on every change. A file that cannot be read
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

    public void delete(String uuid) {
        try {
            AtomicFiles.delete(file(uuid));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete stored workload " + uuid, e);
        }
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
