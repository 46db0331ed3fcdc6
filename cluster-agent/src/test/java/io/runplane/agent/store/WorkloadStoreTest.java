package io.runplane.agent.store;

import io.runplane.agent.workload.WorkloadState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The workload store over real files: replay, a torn tail, checkpoints and the old one-file-per-workload format. */
class WorkloadStoreTest {

    @TempDir
    Path data;

    private static WorkloadState workload(String uuid, long revision, String status) throws IOException {
        return StoreJson.mapper().readValue("""
                {"uuid":"%s","revision":%d,"status":"%s","spec":{"project":"vision","name":"%s","image":"pytorch:2"}}
                """.formatted(uuid, revision, status, "w-" + uuid), WorkloadState.class);
    }

    private static List<String> summary(WorkloadStore store) {
        return store.recovered().stream().map(w -> w.uuid() + "@" + w.revision() + ":" + w.status().name())
                .sorted().toList();
    }

    private Path journalDir() {
        return data.resolve("workloads/journal");
    }

    private List<String> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theJournalIsReplayedOverTheSnapshotInOrder() throws Exception {
        WorkloadStore store = WorkloadStore.open(data);
        store.save(workload("a", 1, "WORKLOAD_STATUS_PENDING")).join();
        store.checkpoint();
        store.save(workload("b", 2, "WORKLOAD_STATUS_PENDING")).join();
        store.save(workload("a", 3, "WORKLOAD_STATUS_RUNNING")).join();
        store.remove("b", 4).join();
        store.save(workload("c", 5, "WORKLOAD_STATUS_PENDING")).join();
        store.close();

        try (WorkloadStore reopened = WorkloadStore.open(data)) {
            assertThat(summary(reopened)).containsExactly("a@3:WORKLOAD_STATUS_RUNNING", "c@5:WORKLOAD_STATUS_PENDING");
            assertThat(reopened.removedRevision()).isEqualTo(4);
        }
    }

    @Test
    void aTornLastRecordIsIgnoredAndEverythingBeforeItKept() throws Exception {
        WorkloadStore store = WorkloadStore.open(data);
        store.save(workload("a", 1, "WORKLOAD_STATUS_PENDING")).join();
        store.save(workload("b", 2, "WORKLOAD_STATUS_PENDING")).join();
        store.close();
        Path segment;
        try (Stream<Path> segments = Files.list(journalDir())) {
            segment = segments.max(Path::compareTo).orElseThrow();
        }
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 10);
        }

        try (WorkloadStore reopened = WorkloadStore.open(data)) {
            assertThat(summary(reopened)).containsExactly("a@1:WORKLOAD_STATUS_PENDING");
        }
    }

    @Test
    void aCheckpointCompactsTheJournalIntoTheSnapshot() throws Exception {
        WorkloadStore store = WorkloadStore.open(data);
        for (int i = 0; i < 50; i++) {
            store.save(workload("w" + (i % 5), i + 1, "WORKLOAD_STATUS_PENDING")).join();
        }
        long before = Files.size(journalDir().resolve("0000000000000000.journal"));
        store.checkpoint();
        store.save(workload("late", 51, "WORKLOAD_STATUS_PENDING")).join();

        assertThat(files(journalDir())).containsExactly("0000000000000001.journal");
        assertThat(Files.size(journalDir().resolve("0000000000000001.journal"))).isLessThan(before / 10);
        store.close();
        try (WorkloadStore reopened = WorkloadStore.open(data)) {
            assertThat(summary(reopened)).containsExactly("late@51:WORKLOAD_STATUS_PENDING", "w0@46:WORKLOAD_STATUS_PENDING",
                    "w1@47:WORKLOAD_STATUS_PENDING", "w2@48:WORKLOAD_STATUS_PENDING", "w3@49:WORKLOAD_STATUS_PENDING",
                    "w4@50:WORKLOAD_STATUS_PENDING");
        }
        assertThat(files(journalDir())).as("opening checkpoints what it replayed").containsExactly("0000000000000002.journal");
        assertThat(Files.size(journalDir().resolve("0000000000000002.journal"))).isZero();
    }

    @Test
    void aDamagedSnapshotRefusesToOpenInsteadOfDroppingWorkloads() throws Exception {
        try (WorkloadStore store = WorkloadStore.open(data)) {
            store.save(workload("a", 1, "WORKLOAD_STATUS_PENDING")).join();
            store.checkpoint();
        }
        Path snapshot = data.resolve("workloads/snapshot");
        byte[] content = Files.readAllBytes(snapshot);
        content[content.length - 3] ^= 0x10;
        Files.write(snapshot, content);

        assertThatThrownBy(() -> WorkloadStore.open(data)).isInstanceOf(IOException.class).hasMessageContaining("snapshot");
    }

    @Test
    void workloadFilesOfAnEarlierAgentBecomeASnapshotAndUnreadableOnesAreSetAside() throws Exception {
        Path dir = Files.createDirectories(data.resolve("workloads"));
        Files.write(dir.resolve("a.json"), StoreJson.mapper().writeValueAsBytes(workload("a", 7, "WORKLOAD_STATUS_COMPLETED")));
        Files.writeString(dir.resolve("removed-revision"), "9");
        Files.writeString(dir.resolve("0b7c.json"), "{\"uuid\": \"0b7c\", \"spec\": {\"name\": ");
        Files.writeString(dir.resolve(".abc.json.123.tmp"), "half");

        try (WorkloadStore store = WorkloadStore.open(data)) {
            assertThat(summary(store)).containsExactly("a@7:WORKLOAD_STATUS_COMPLETED");
            assertThat(store.removedRevision()).isEqualTo(9);
        }
        assertThat(files(dir)).containsExactly("0b7c.json.corrupt", "journal", "snapshot");
        try (WorkloadStore store = WorkloadStore.open(data)) {
            assertThat(summary(store)).containsExactly("a@7:WORKLOAD_STATUS_COMPLETED");
            assertThat(store.removedRevision()).isEqualTo(9);
        }
    }

    @Test
    void atomicWritesReplaceWholeFiles() throws Exception {
        Path target = data.resolve("x/state.json");
        AtomicFiles.write(target, "first".getBytes());
        AtomicFiles.write(target, "second".getBytes());
        assertThat(Files.readString(target)).isEqualTo("second");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).hasSize(1);
        }
    }
}
