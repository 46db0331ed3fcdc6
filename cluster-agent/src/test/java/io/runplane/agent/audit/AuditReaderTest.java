package io.runplane.agent.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditReaderTest {

    @TempDir
    Path dir;

    private static AuditEntry entry(int i, String message) {
        return new AuditEntry(Instant.ofEpochSecond(i), "user u", "runplane.v1.Workloads/Submit", "name w-" + i,
                i % 3 == 0 ? "OK" : "NOT_FOUND", message);
    }

    @Test
    void pagesWalkBackwardsAcrossChunkBoundariesAndLinesLongerThanAChunk() throws Exception {
        Path file = dir.resolve("audit.log");
        List<AuditEntry> written = new ArrayList<>();
        try (AuditLog log = new AuditLog(file)) {
            for (int i = 0; i < 600; i++) {
                AuditEntry e = entry(i, i % 100 == 7 ? "x".repeat(150_000) : "");
                log.append(e);
                written.add(e);
            }
        }
        AuditReader reader = new AuditReader(file);
        List<AuditEntry> read = new ArrayList<>();
        OptionalLong token = OptionalLong.empty();
        do {
            AuditReader.Page page = reader.newestFirst(e -> true, 7, token);
            read.addAll(page.entries());
            token = page.next();
        } while (token.isPresent());

        assertThat(read).isEqualTo(written.reversed());
        assertThat(reader.newestFirst(e -> e.outcome().equals("OK"), 200, OptionalLong.empty()).entries())
                .hasSize(200).allMatch(e -> e.outcome().equals("OK"));
    }

    @Test
    void aTornLastLineIsSkippedAndOffsetsInsideALineAreRefused() throws Exception {
        Path file = dir.resolve("audit.log");
        try (AuditLog log = new AuditLog(file)) {
            log.append(entry(1, ""));
            log.append(entry(2, ""));
        }
        Files.writeString(file, "{\"time\":\"2026-11-2", StandardOpenOption.APPEND);
        AuditReader reader = new AuditReader(file);

        AuditReader.Page first = reader.newestFirst(e -> true, 1, OptionalLong.empty());
        assertThat(first.entries()).containsExactly(entry(2, ""));
        assertThat(reader.newestFirst(e -> true, 5, first.next()).entries()).containsExactly(entry(1, ""));
        assertThatThrownBy(() -> reader.newestFirst(e -> true, 5, OptionalLong.of(first.next().getAsLong() - 1)))
                .isInstanceOf(AuditReader.BadOffset.class).hasMessageContaining("not where an entry");
        assertThat(new AuditReader(dir.resolve("none.log")).newestFirst(e -> true, 5, OptionalLong.empty()).entries()).isEmpty();
    }
}
