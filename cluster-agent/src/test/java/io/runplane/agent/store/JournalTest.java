package io.runplane.agent.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalTest {

    @TempDir
    Path dir;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<byte[]> records) {
        return records.stream().map(r -> new String(r, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void acknowledgedRecordsAreRecoveredInOrder() throws Exception {
        Path file = dir.resolve("journal");
        try (Journal journal = Journal.open(file)) {
            assertThat(journal.recovered()).isEmpty();
            journal.append(bytes("one")).join();
            journal.append(bytes("two")).join();
        }

        try (Journal journal = Journal.open(file)) {
            assertThat(texts(journal.recovered())).containsExactly("one", "two");
        }
    }

    @Test
    void concurrentAppendsShareSyncs() throws Exception {
        int count = 2_000;
        try (Journal journal = Journal.open(dir.resolve("journal")); ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<CompletableFuture<Void>> durable = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                durable.add(CompletableFuture.supplyAsync(() -> journal.append(bytes("record-" + n)), pool)
                        .thenCompose(f -> f));
            }
            CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)).join();

            assertThat(journal.syncs()).isLessThan(count);
        }
        try (Journal journal = Journal.open(dir.resolve("journal"))) {
            assertThat(texts(journal.recovered())).hasSize(count).doesNotHaveDuplicates()
                    .allMatch(t -> t.startsWith("record-"));
        }
    }

    @Test
    void aTornTailIsCutAndAppendingGoesOnAfterIt() throws Exception {
        Path file = dir.resolve("journal");
        try (Journal journal = Journal.open(file)) {
            journal.append(bytes("kept")).join();
        }
        Files.write(file, new byte[] {0, 0, 0, 50, 1, 2, 3, 4, 'p', 'a', 'r'}, StandardOpenOption.APPEND);

        try (Journal journal = Journal.open(file)) {
            assertThat(texts(journal.recovered())).containsExactly("kept");
            journal.append(bytes("after")).join();
        }
        try (Journal journal = Journal.open(file)) {
            assertThat(texts(journal.recovered())).containsExactly("kept", "after");
        }
    }

    @Test
    void aCorruptRecordEndsRecovery() throws Exception {
        Path file = dir.resolve("journal");
        try (Journal journal = Journal.open(file)) {
            journal.append(bytes("good")).join();
            journal.append(bytes("flipped")).join();
        }
        byte[] content = Files.readAllBytes(file);
        content[content.length - 1] ^= 0x01;
        Files.write(file, content);

        try (Journal journal = Journal.open(file)) {
            assertThat(texts(journal.recovered())).containsExactly("good");
        }
        assertThat(Files.size(file)).isEqualTo(8 + "good".length());
    }

    @Test
    void truncateEmptiesTheJournalAfterACheckpoint() throws Exception {
        Path file = dir.resolve("journal");
        try (Journal journal = Journal.open(file)) {
            journal.append(bytes("checkpointed")).join();
            journal.truncate();
            journal.append(bytes("new")).join();
        }
        try (Journal journal = Journal.open(file)) {
            assertThat(texts(journal.recovered())).containsExactly("new");
        }
    }

    @Test
    void appendsAfterCloseFailAndOversizedRecordsAreRefused() throws Exception {
        Journal journal = Journal.open(dir.resolve("journal"));
        assertThatThrownBy(() -> journal.append(new byte[17 * 1024 * 1024]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds");
        journal.close();

        assertThat(journal.append(bytes("late"))).isCompletedExceptionally();
    }
}
