package io.runplane.agent;

import io.grpc.StatusRuntimeException;
import io.runplane.api.v1.ListWorkloadsRequest;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Kill -9 during a burst of submissions: everything acknowledged survives, nothing is corrupt. */
class DurabilityIT {

    @TempDir
    Path data;

    @Test
    void everyAcknowledgedSubmissionSurvivesASigkillAndRestart() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        CountDownLatch enoughAcknowledged = new CountDownLatch(40);
        try (AgentProcess first = AgentProcess.start(data, "10"); AgentClient client = first.client()) {
            ExecutorService submitters = Executors.newFixedThreadPool(6);
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int thread = t;
                running.add(submitters.submit(() -> {
                    for (int i = 0; ; i++) {
                        String name = "burst-" + thread + "-" + i;
                        try {
                            client.workloads().submit(SubmitWorkloadRequest.newBuilder()
                                    .setSpec(Specs.training(thread % 2 == 0 ? "vision" : "nlp", name, "30s")).build());
                        } catch (StatusRuntimeException e) {
                            return;
                        }
                        acknowledged.add(name);
                        enoughAcknowledged.countDown();
                    }
                }));
            }
            assertThat(enoughAcknowledged.await(60, TimeUnit.SECONDS)).isTrue();
            first.kill();
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
            submitters.shutdown();
        }

        try (Stream<Path> files = Files.list(data.resolve("workloads"))) {
            // An interrupted checkpoint may leave a temporary file beside the snapshot, never a half-written snapshot.
            assertThat(files.map(p -> p.getFileName().toString())).allSatisfy(n -> assertThat(n).matches("snapshot|journal|\\..*\\.tmp"));
        }
        try (Stream<Path> segments = Files.list(data.resolve("workloads/journal"))) {
            assertThat(segments.map(p -> p.getFileName().toString())).isNotEmpty().allMatch(n -> n.matches("\\d{16}\\.journal"));
        }
        try (AgentProcess second = AgentProcess.start(data, "10"); AgentClient client = second.client()) {
            List<Workload> all = client.workloads().list(ListWorkloadsRequest.newBuilder().setPageSize(1000).build()).getWorkloadsList();
            Set<String> names = ConcurrentHashMap.newKeySet();
            all.forEach(w -> names.add(w.getSpec().getName()));
            assertThat(names).containsAll(acknowledged).contains("resnet50-baseline", "llama-pretrain");
            assertThat(all).allSatisfy(w -> {
                assertThat(w.getUuid()).isNotEmpty();
                assertThat(w.getSpec().getImage()).isNotEmpty();
            });
            String survivor = acknowledged.iterator().next();
            String project = all.stream().filter(w -> w.getSpec().getName().equals(survivor)).findFirst().orElseThrow().getSpec().getProject();
            Workload moving = Await.workload(client, project, survivor, w -> w.getStatus() != WorkloadStatus.WORKLOAD_STATUS_CREATING);
            assertThat(moving.getStatus()).isNotEqualTo(WorkloadStatus.WORKLOAD_STATUS_CREATING);
        }
        try (Stream<Path> files = Files.list(data.resolve("workloads"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("snapshot", "journal");
        }
    }
}
