package io.runplane.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.runplane.agent.backend.simulated.SimulationAnnotations;
import io.runplane.agent.cluster.ClusterFile;
import io.runplane.agent.cluster.ClusterFiles;
import io.runplane.agent.store.AtomicFiles;
import io.runplane.agent.store.WorkloadStore;
import io.runplane.agent.time.DurationText;
import io.runplane.agent.workload.WorkloadController;
import io.runplane.agent.workload.WorkloadException;
import io.runplane.api.v1.WorkloadSpec;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The agent's data directory: {@code cluster.yaml} (the cluster, written when the directory is
 * first used), {@code workloads/} (the workload store: journal and snapshot) and {@code agent.lock}
 * (held while an agent uses the directory).
 */
final class DataDirectory implements AutoCloseable {

    static final String CLUSTER_FILE = "cluster.yaml";
    private static final Logger LOG = Logger.getLogger(DataDirectory.class.getName());

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final WorkloadStore workloads;

    private DataDirectory(Path dir, FileChannel lockChannel, FileLock lock, WorkloadStore workloads) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.workloads = workloads;
    }

    static DataDirectory open(Path dir) throws IOException {
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve("agent.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("data directory " + dir + " is in use by another agent");
        }
        try {
            return new DataDirectory(dir, channel, lock, WorkloadStore.open(dir));
        } catch (IOException | RuntimeException e) {
            lock.release();
            channel.close();
            throw e;
        }
    }

    /** The workloads stored in the directory, open while the directory is. */
    WorkloadStore workloads() {
        return workloads;
    }

    Path path() {
        return dir;
    }

    boolean initialized() {
        return Files.exists(dir.resolve(CLUSTER_FILE));
    }

    /** The cluster file text of this directory; a new directory takes the options' file or the default. */
    String clusterText(AgentOptions options) throws IOException {
        if (initialized()) {
            return Files.readString(dir.resolve(CLUSTER_FILE));
        }
        return options.clusterFile().isPresent() ? Files.readString(options.clusterFile().get()) : ClusterFiles.defaultText();
    }

    /**
     * Seeds a new directory with the cluster file's workloads, then writes the cluster file, which
     * marks the directory as initialized (an interrupted seeding is simply done again).
     */
    void seed(String clusterText, ClusterFile cluster, WorkloadController controller, Clock clock) throws IOException {
        if (initialized()) {
            return;
        }
        Instant now = clock.instant();
        for (ClusterFile.SeedWorkload seed : cluster.workloads()) {
            WorkloadSpec spec = spec(seed.spec());
            if (seed.finished().isPresent()) {
                ClusterFile.FinishedRun run = seed.finished().get();
                Duration ago = DurationText.parse(run.createdAgo()).orElse(Duration.ofHours(1));
                Duration ran = DurationText.parse(run.ranFor()).orElse(Duration.ofMinutes(10));
                String uuid = UUID.nameUUIDFromBytes((spec.getProject() + "/" + spec.getName()).getBytes(StandardCharsets.UTF_8)).toString();
                WorkloadSpec.Builder simulated = spec.toBuilder()
                        .putAnnotations(SimulationAnnotations.DURATION, DurationText.format(ran));
                if (run.exitCode() != 0) {
                    simulated.putAnnotations(SimulationAnnotations.EXIT_CODE, Integer.toString(run.exitCode()));
                }
                controller.seedFinished(uuid, simulated.build(), seed.createdBy(), now.minus(ago), ran, run.exitCode());
            } else {
                try {
                    controller.submit(spec, seed.createdBy(), false);
                } catch (WorkloadException e) {
                    if (e.kind() != WorkloadException.Kind.ALREADY_EXISTS) {
                        throw new IllegalArgumentException("seed workload " + spec.getName() + " is not valid: " + e.problems(), e);
                    }
                }
            }
        }
        AtomicFiles.write(dir.resolve(CLUSTER_FILE), clusterText.getBytes(StandardCharsets.UTF_8));
        LOG.info("seeded data directory " + dir + " with " + cluster.workloads().size() + " workloads");
    }

    private static WorkloadSpec spec(JsonNode json) {
        WorkloadSpec.Builder b = WorkloadSpec.newBuilder();
        try {
            JsonFormat.parser().merge(json.toString(), b);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("seed workload spec is not valid: " + e.getMessage(), e);
        }
        return b.build();
    }

    @Override
    public void close() throws IOException {
        try {
            workloads.close();
        } finally {
            releaseLock();
        }
    }

    private void releaseLock() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
