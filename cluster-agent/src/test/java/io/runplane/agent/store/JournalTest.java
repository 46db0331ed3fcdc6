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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalTest {

    private static final String SEGMENT_0 = "0000000000000000.journal";

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
        try (Journal journal = Journal.open(dir, 0)) {
            assertThat(journal.recovered()).isEmpty();
            journal.append(bytes("one")).join();
            journal.append(bytes("two")).join();
        }

        try (Journal journal = Journal.open(dir, 0)) {
            assertThat(texts(journal.recovered())).containsExactly("one", "two");
        }
    }

    @Test
    void concurrentAppendsShareSyncs() throws Exception {
        int count = 2_000;
        try (Journal journal = Journal.open(dir, 0); ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<CompletableFuture<Void>> durable = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                durable.add(CompletableFuture.supplyAsync(() -> journal.append(bytes("record-" + n)), pool)
                        .thenCompose(f -> f));
            }
            CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)).join();

            assertThat(journal.syncs()).isLessThan(count);
        }
        try (Journal journal = Journal.open(dir, 0)) {
            assertThat(texts(journal.recovered())).hasSize(count).doesNotHaveDuplicates()
                    .allMatch(t -> t.startsWith("record-"));
        }
    }

    @Test
    void aTornTailIsCutAndAppendingGoesOnAfterIt() throws Exception {
        Path file = dir.resolve(SEGMENT_0);
        try (Journal journal = Journal.open(dir, 0)) {
            journal.append(bytes("kept")).join();
        }
        Files.write(file, new byte[] {0, 0, 0, 50, 1, 2, 3, 4, 'p', 'a', 'r'}, StandardOpenOption.APPEND);

        try (Journal journal = Journal.open(dir, 0)) {
            assertThat(texts(journal.recovered())).containsExactly("kept");
            journal.append(bytes("after")).join();
        }
        try (Journal journal = Journal.open(dir, 0)) {
            assertThat(texts(journal.recovered())).containsExactly("kept", "after");
        }
    }

    @Test
    void aCorruptRecordEndsRecovery() throws Exception {
        Path file = dir.resolve(SEGMENT_0);
        try (Journal journal = Journal.open(dir, 0)) {
            journal.append(bytes("good")).join();
            journal.append(bytes("flipped")).join();
        }
        byte[] content = Files.readAllBytes(file);
        content[content.length - 1] ^= 0x01;
        Files.write(file, content);

        try (Journal journal = Journal.open(dir, 0)) {
            assertThat(texts(journal.recovered())).containsExactly("good");
        }
        assertThat(Files.size(file)).isEqualTo(8 + "good".length());
    }

    @Test
    void rotationStartsANewSegmentAndDiscardingDropsTheOldOnes() throws Exception {
        long next;
        try (Journal journal = Journal.open(dir, 0)) {
            journal.append(bytes("checkpointed")).join();
            next = journal.rotate().join();
            journal.append(bytes("after the checkpoint")).join();
            journal.discardBefore(next);
        }
        assertThat(next).isEqualTo(1);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("0000000000000001.journal")
                    .doesNotContain(SEGMENT_0);
        }
        try (Journal journal = Journal.open(dir, next)) {
            assertThat(texts(journal.recovered())).containsExactly("after the checkpoint");
        }
    }

    @Test
    void segmentsBeforeTheFirstOneAskedForAreDeletedOnOpen() throws Exception {
        try (Journal journal = Journal.open(dir, 0)) {
            journal.append(bytes("old")).join();
            journal.rotate().join();
            journal.append(bytes("new")).join();
        }
        try (Journal journal = Journal.open(dir, 1)) {
            assertThat(texts(journal.recovered())).containsExactly("new");
        }
        assertThat(dir.resolve(SEGMENT_0)).doesNotExist();
    }

    @Test
    void damageInASegmentThatIsNotTheLastRefusesToOpen() throws Exception {
        try (Journal journal = Journal.open(dir, 0)) {
            journal.append(bytes("first")).join();
            journal.rotate().join();
            journal.append(bytes("second")).join();
        }
        byte[] content = Files.readAllBytes(dir.resolve(SEGMENT_0));
        content[content.length - 1] ^= 0x01;
        Files.write(dir.resolve(SEGMENT_0), content);

        assertThatThrownBy(() -> Journal.open(dir, 0)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining(SEGMENT_0).hasMessageContaining("not the last one");
    }

    @Test
    void appendsAfterCloseFailAndOversizedRecordsAreRefused() throws Exception {
        Journal journal = Journal.open(dir, 0);
        assertThatThrownBy(() -> journal.append(new byte[17 * 1024 * 1024]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds");
        journal.close();

        assertThat(journal.append(bytes("late"))).isCompletedExceptionally();
    }
}
