package io.runplane.agent.organization;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runplane.agent.store.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Since when each running workload's GPUs have been idle, kept in {@code idle-gpus.json} in the data
 * directory as how long they had been idle (milliseconds of wall-clock time, by workload uuid). On
 * start the clocks go on from there, so the time the agent was down does not count as idle and the
 * idle time before it does. Saved when a clock starts or stops, at most every {@code saveEvery}
 * while clocks run, and on {@link #save}. Not thread-safe: the control loop owns it.
 */
final class IdleGpuClocks {

    static final String FILE = "idle-gpus.json";
    private static final Logger LOG = Logger.getLogger(IdleGpuClocks.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Duration saveEvery;
    private final Map<String, Instant> idleSince = new HashMap<>();
    private boolean changed;
    private Instant savedAt = Instant.MIN;

    private IdleGpuClocks(Path file, Duration saveEvery) {
        this.file = file;
        this.saveEvery = saveEvery;
    }

    /** The clocks of {@code dataDir}, going on from {@code now}; a file that cannot be read starts them anew (logged). */
    static IdleGpuClocks open(Path dataDir, Duration saveEvery, Instant now) {
        IdleGpuClocks clocks = new IdleGpuClocks(dataDir.resolve(FILE), saveEvery);
        if (Files.exists(clocks.file)) {
            try {
                Map<String, Long> idleMillis = JSON.readValue(clocks.file.toFile(), new TypeReference<>() { });
                idleMillis.forEach((uuid, millis) -> clocks.idleSince.put(uuid, now.minusMillis(Math.max(0, millis))));
            } catch (IOException e) {
                LOG.log(Level.WARNING, clocks.file + ": cannot be read, idle GPU time counts anew: " + e.getMessage(), e);
            }
        }
        return clocks;
    }

    /** When the workload's GPUs became idle, starting its clock now if it is not running. */
    Instant idleSince(String workloadUuid, Instant now) {
        return idleSince.computeIfAbsent(workloadUuid, k -> {
            changed = true;
            return now;
        });
    }

    void stop(String workloadUuid) {
        changed |= idleSince.remove(workloadUuid) != null;
    }

    void retain(Collection<String> workloadUuids) {
        changed |= idleSince.keySet().retainAll(workloadUuids);
    }

    /** Saves if a clock started or stopped, or if clocks run and the last save is older than the interval. */
    void saveIfDue(Instant now) {
        if (changed || (!idleSince.isEmpty() && !now.isBefore(savedAt.plus(saveEvery)))) {
            save(now);
        }
    }

    void save(Instant now) {
        Map<String, Long> idleMillis = new TreeMap<>();
        idleSince.forEach((uuid, since) -> idleMillis.put(uuid, Duration.between(since, now).toMillis()));
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(idleMillis));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot write " + file + "; idle GPU time is kept in memory, retried later", e);
        }
        changed = false;
        savedAt = now;
    }
}
