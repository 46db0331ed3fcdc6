package io.runplane.agent.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.runplane.agent.workload.WorkloadState;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Workloads on disk, in {@code workloads/}: a journal of changes ({@code journal/}, see
 * {@link Journal}) and a snapshot ({@code snapshot}) that checkpoints it. Every change to a
 * workload appends the whole workload (or its removal) to the journal; the caller acknowledges the
 * change once the returned future completes. A checkpoint, taken in the background once the journal
 * has grown, writes every workload into a new snapshot atomically and then deletes the journal
 * segments it covers. Opening loads the snapshot and replays the journal after it.
 *
 * <p>A data directory of an earlier agent (one {@code <uuid>.json} file per workload) is read once
 * and turned into a snapshot; a file of it that cannot be read is moved aside as
 * {@code <name>.corrupt} and reported, never silently dropped.
 */
public final class WorkloadStore implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WorkloadStore.class.getName());
    private static final byte HEADER = 'H';
    private static final byte SAVED = 'S';
    private static final byte REMOVED = 'R';
    static final long CHECKPOINT_BYTES = 64L * 1024 * 1024;

    private final Path dir;
    private final Journal journal;
    private final ObjectMapper json;
    private final Map<String, byte[]> image;
    private final List<WorkloadState> recovered;
    private final long recoveredRemovedRevision;
    private final ScheduledExecutorService checkpoints;
    private final Object checkpointing = new Object();
    private long removedRevision;
    private long checkpointedBytes;

    private WorkloadStore(Path dir, Journal journal, ObjectMapper json, Map<String, byte[]> image, List<WorkloadState> recovered,
                          long removedRevision) {
        this.dir = dir;
        this.journal = journal;
        this.json = json;
        this.image = image;
        this.recovered = List.copyOf(recovered);
        this.recoveredRemovedRevision = removedRevision;
        this.removedRevision = removedRevision;
        this.checkpoints = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("runplane-checkpoint").factory());
    }

    /** Opens the store of a data directory: loads the snapshot, replays the journal and checkpoints what it replayed. */
    public static WorkloadStore open(Path dataDir) throws IOException {
        Path dir = Files.createDirectories(dataDir.resolve("workloads"));
        ObjectMapper json = StoreJson.mapper();
        Map<String, byte[]> image = new HashMap<>();
        long[] removed = {0};
        Path snapshot = dir.resolve("snapshot");
        deleteTemporaryFiles(dir);
        long firstSegment = 0;
        List<Path> legacy = List.of();
        if (Files.exists(snapshot)) {
            firstSegment = readSnapshot(snapshot, image, removed);
            legacy = LegacyWorkloadFiles.leftovers(dir);
        } else {
            legacy = LegacyWorkloadFiles.load(dir, json, image, removed);
        }
        Journal journal = Journal.open(dir.resolve("journal"), firstSegment);
        try {
            for (byte[] record : journal.recovered()) {
                apply(record, image, removed);
            }
            List<WorkloadState> recovered = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : image.entrySet()) {
                recovered.add(workload(json, e.getKey(), e.getValue()));
            }
            WorkloadStore store = new WorkloadStore(dir, journal, json, image, recovered, removed[0]);
            if (!journal.recovered().isEmpty() || !legacy.isEmpty()) {
                store.checkpoint();
            }
            for (Path f : legacy) {
                Files.deleteIfExists(f);
            }
            store.checkpoints.scheduleWithFixedDelay(store::checkpointWhenGrown, 1, 1, TimeUnit.SECONDS);
            return store;
        } catch (IOException | RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    /** The workloads stored when the store was opened. */
    public List<WorkloadState> recovered() {
        return recovered;
    }

    /** The revision of the last removal when the store was opened, 0 when nothing was ever removed. */
    public long removedRevision() {
        return recoveredRemovedRevision;
    }

    /**
     * Stores the workload as it is now; call it under the lock that guards the workload. The future
     * completes when the change is durable.
     */
    public CompletableFuture<Void> save(WorkloadState workload) {
        byte[] record;
        try {
            record = savedRecord(workload.uuid(), json.writeValueAsBytes(workload));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store workload " + workload.uuid(), e);
        }
        synchronized (this) {
            image.put(workload.uuid(), record);
            return journal.append(record);
        }
    }

    /**
     * Removes a workload. Its revision is kept so that revisions never go back after a restart even
     * when the newest change was a removal.
     */
    public CompletableFuture<Void> remove(String uuid, long revision) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(REMOVED);
            out.writeUTF(uuid);
            out.writeLong(revision);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (this) {
            image.remove(uuid);
            removedRevision = Math.max(removedRevision, revision);
            return journal.append(bytes.toByteArray());
        }
    }

    /**
     * Writes every workload into a new snapshot, then deletes the journal segments it covers. Changes
     * stored meanwhile go to the next segment, which the snapshot does not cover.
     */
    public void checkpoint() throws IOException {
        synchronized (checkpointing) {
            List<byte[]> records;
            long removed;
            CompletableFuture<Long> rotation;
            long bytes;
            synchronized (this) {
                records = new ArrayList<>(image.values());
                removed = removedRevision;
                rotation = journal.rotate();
                bytes = journal.appendedBytes();
            }
            long segment;
            try {
                segment = rotation.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw new IOException("cannot start a new journal segment for a checkpoint", e.getCause());
            }
            writeSnapshot(dir.resolve("snapshot"), segment, removed, records);
            journal.discardBefore(segment);
            checkpointedBytes = bytes;
        }
    }

    private void checkpointWhenGrown() {
        if (journal.appendedBytes() - checkpointedBytes < CHECKPOINT_BYTES) {
            return;
        }
        try {
            checkpoint();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "cannot checkpoint the workload journal; it keeps growing until a checkpoint succeeds", e);
        }
    }

    /** Writes what is appended and closes the journal; the next open replays it into a checkpoint. */
    @Override
    public void close() throws IOException {
        checkpoints.shutdownNow();
        synchronized (checkpointing) {
            journal.close();
        }
    }

    private static void writeSnapshot(Path file, long segment, long removed, List<byte[]> records) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(17).put(HEADER).putLong(segment).putLong(removed);
        AtomicFiles.write(file, channel -> {
            ByteBuffer buffer = ByteBuffer.allocate(1024 * 1024);
            putFramed(channel, buffer, header.array());
            for (byte[] r : records) {
                putFramed(channel, buffer, r);
            }
            drain(channel, buffer);
        });
    }

    private static void putFramed(FileChannel channel, ByteBuffer buffer, byte[] record) throws IOException {
        if (buffer.remaining() < Frames.size(record)) {
            drain(channel, buffer);
        }
        if (buffer.remaining() < Frames.size(record)) {
            ByteBuffer large = ByteBuffer.allocate(Frames.size(record));
            Frames.put(large, record);
            large.flip();
            while (large.hasRemaining()) {
                channel.write(large);
            }
            return;
        }
        Frames.put(buffer, record);
    }

    private static void drain(FileChannel channel, ByteBuffer buffer) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    /** Reads the snapshot into the image and returns the first journal segment it does not cover. */
    private static long readSnapshot(Path file, Map<String, byte[]> image, long[] removed) throws IOException {
        List<byte[]> records = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = Frames.read(channel, records);
            if (end < channel.size() || records.isEmpty() || records.getFirst().length != 17 || records.getFirst()[0] != HEADER) {
                throw new IOException("the workload snapshot " + file + " is damaged (at byte " + end + "); the data directory needs repair");
            }
        }
        ByteBuffer header = ByteBuffer.wrap(records.getFirst(), 1, 16);
        long segment = header.getLong();
        removed[0] = header.getLong();
        for (byte[] record : records.subList(1, records.size())) {
            apply(record, image, removed);
        }
        return segment;
    }

    private static void apply(byte[] record, Map<String, byte[]> image, long[] removed) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(record));
        byte kind = in.readByte();
        String uuid = in.readUTF();
        switch (kind) {
            case SAVED -> image.put(uuid, record);
            case REMOVED -> {
                image.remove(uuid);
                removed[0] = Math.max(removed[0], in.readLong());
            }
            default -> throw new IOException("unknown workload record kind " + kind + " for " + uuid);
        }
    }

    /** The record of a workload as it is stored: its kind, its uuid and its JSON. */
    static byte[] savedRecord(String uuid, byte[] workloadJson) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(64);
        DataOutputStream out = new DataOutputStream(head);
        out.writeByte(SAVED);
        out.writeUTF(uuid);
        byte[] record = Arrays.copyOf(head.toByteArray(), head.size() + workloadJson.length);
        System.arraycopy(workloadJson, 0, record, head.size(), workloadJson.length);
        return record;
    }

    private static WorkloadState workload(ObjectMapper json, String uuid, byte[] record) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(record));
        in.readByte();
        in.readUTF();
        try {
            return json.readValue((java.io.InputStream) in, WorkloadState.class);
        } catch (IOException e) {
            throw new IOException("stored workload " + uuid + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static void deleteTemporaryFiles(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + AtomicFiles.TEMP_SUFFIX)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }
}
