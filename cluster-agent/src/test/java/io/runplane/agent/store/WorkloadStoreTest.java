package io.runplane.agent.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class WorkloadStoreTest {

    @TempDir
    Path data;

    @Test
    void unreadableFilesAreSetAsideAndLeftoverTemporaryFilesRemoved() throws Exception {
        Path dir = Files.createDirectories(data.resolve("workloads"));
        Files.writeString(dir.resolve("0b7c.json"), "{\"uuid\": \"0b7c\", \"spec\": {\"name\": ");
        Files.writeString(dir.resolve(".abc.json.123.tmp"), "half");

        assertThat(new WorkloadStore(data).loadAll()).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("0b7c.json.corrupt");
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

    @Test
    void theRevisionOfTheLastRemovalIsKept() throws Exception {
        WorkloadStore store = new WorkloadStore(data);
        assertThat(store.removedRevision()).isZero();
        store.delete("gone", 42);
        assertThat(new WorkloadStore(data).removedRevision()).isEqualTo(42);
    }
}
