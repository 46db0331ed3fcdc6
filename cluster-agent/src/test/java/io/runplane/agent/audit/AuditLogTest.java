package io.runplane.agent.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLogTest {

    @TempDir
    Path dir;

    @Test
    void concurrentAppendsSharingForcesAreEachKeptWholeAndSurviveReopening() throws Exception {
        Path file = dir.resolve("audit.log");
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try (AuditLog log = new AuditLog(file)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int caller = t;
                done.add(callers.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        log.append(new AuditEntry(Instant.EPOCH, "user u" + caller, "runplane.v1.Workloads/Submit",
                                "project p, name w-" + caller + "-" + i, "OK", ""));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            callers.shutdown();
        }

        try (AuditLog reopened = new AuditLog(file)) {
            List<AuditEntry> entries = reopened.read();
            assertThat(entries).hasSize(400);
            assertThat(entries).extracting(AuditEntry::target).doesNotHaveDuplicates();
        }
    }
}
