package io.runplane.agent.workload;

import io.runplane.agent.backend.simulated.SimulatedBackend;
import io.runplane.agent.cluster.ClusterFile;
import io.runplane.agent.cluster.ClusterFiles;
import io.runplane.agent.organization.ClusterFileSeed;
import io.runplane.agent.organization.SchedulingView;
import io.runplane.agent.scheduling.SchedulerInputs;
import io.runplane.agent.store.WorkloadStore;
import io.runplane.agent.time.TimeScale;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadType;
import io.runplane.scheduler.ClusterSnapshot;
import io.runplane.scheduler.CycleResult;
import io.runplane.scheduler.JobSpec;
import io.runplane.scheduler.Scheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller passes the scheduler the same job record for a workload that did not change, and
 * the same pool, node and queue records while the organization did not change; every cycle's
 * decisions are compared with those of a scheduler given new records of every job.
 */
class PlannedJobsTest {

    private static final String CLUSTER_TEXT = ClusterFiles.defaultText().replaceAll("(?s)\nworkloads:.*", "\n");

    @TempDir
    Path data;

    private final WorkloadControllerTest.MovableClock clock = new WorkloadControllerTest.MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final ClusterFile cluster = ClusterFiles.parse(CLUSTER_TEXT);
    private final AtomicReference<SchedulerInputs> organization = new AtomicReference<>(inputs(cluster));
    private final List<ClusterSnapshot> snapshots = new ArrayList<>();
    private final List<CycleResult> results = new ArrayList<>();
    private final Scheduler reusing = new Scheduler();
    private final Scheduler rebuilding = new Scheduler();
    private WorkloadStore store;
    private WorkloadController controller;

    @BeforeEach
    void start() throws IOException {
        store = WorkloadStore.open(data);
        controller = new WorkloadController(new SimulatedBackend(cluster, TimeScale.REAL_TIME), snapshot -> {
            snapshots.add(snapshot);
            CycleResult decided = reusing.cycle(snapshot);
            results.add(decided);
            assertThat(decided).as("cycle %d", snapshots.size()).isEqualTo(rebuilding.cycle(withNewJobRecords(snapshot)));
            return decided;
        }, store, clock, TimeScale.REAL_TIME, organization::get);
    }

    @AfterEach
    void closeStore() throws IOException {
        store.close();
    }

    @Test
    void anUnchangedWorkloadKeepsItsJobRecordAcrossCycles() throws WorkloadException {
        String steady = submit("steady", 1);
        String other = submit("other", 1);
        tick();
        tick();
        ClusterSnapshot before = last();
        tick();
        tick();

        assertThat(job(last(), steady)).containsSame(job(before, steady).orElseThrow());
        assertThat(job(last(), other)).containsSame(job(before, other).orElseThrow());
        assertThat(last().pools()).isSameAs(before.pools());
        assertThat(last().nodes()).isSameAs(before.nodes());
        assertThat(last().queues()).isSameAs(before.queues());
        assertThat(last().jobs()).extracting(JobSpec::name).containsExactly(steady, other);
    }

    @Test
    void aBoundPodGivesItsWorkloadANewJobRecord() throws WorkloadException {
        String steady = submit("steady", 1);
        tick();
        tick();
        String late = submit("late", 1);
        tick();
        ClusterSnapshot pending = last();
        assertThat(job(pending, late).orElseThrow().tasks()).allSatisfy(t -> assertThat(t.bound()).isEmpty());
        assertThat(results.getLast().bindings()).anySatisfy(b -> assertThat(b.job()).isEqualTo(late));
        tick();

        JobSpec bound = job(last(), late).orElseThrow();
        assertThat(bound).isNotSameAs(job(pending, late).orElseThrow());
        assertThat(bound.tasks()).allSatisfy(t -> assertThat(t.bound()).isPresent());
        assertThat(job(last(), steady)).containsSame(job(pending, steady).orElseThrow());
        assertThat(last().jobs()).extracting(JobSpec::name).containsExactly(steady, late);
    }

    @Test
    void aStoppedWorkloadLeavesTheSnapshotAndComesBackWithANewRecord() throws WorkloadException {
        String steady = submit("steady", 1);
        String paused = submit("paused", 1);
        tick();
        tick();
        ClusterSnapshot running = last();

        controller.stop("vision", "paused", "ada");
        tick();
        assertThat(job(last(), paused)).isEmpty();
        assertThat(job(last(), steady)).containsSame(job(running, steady).orElseThrow());

        controller.resume("vision", "paused", "ada");
        tick();
        assertThat(job(last(), paused).orElseThrow()).isNotSameAs(job(running, paused).orElseThrow());
        assertThat(job(last(), steady)).containsSame(job(running, steady).orElseThrow());
    }

    @Test
    void aQuotaChangeGivesNewQueueRecordsAndKeepsTheJobs() throws WorkloadException {
        String steady = submit("steady", 1);
        tick();
        tick();
        ClusterSnapshot before = last();

        organization.set(inputs(ClusterFiles.parse(CLUSTER_TEXT.replace("gpu: 6, cpuMillis: 96000", "gpu: 5, cpuMillis: 96000"))));
        tick();

        assertThat(last().queues()).isNotSameAs(before.queues()).isNotEqualTo(before.queues());
        assertThat(last().nodes()).isSameAs(before.nodes());
        assertThat(job(last(), steady)).containsSame(job(before, steady).orElseThrow());
    }

    @Test
    void aProjectsNewPoolOrderGivesItsWorkloadsNewJobRecords() throws WorkloadException {
        String steady = submit("steady", 1);
        tick();
        tick();
        ClusterSnapshot before = last();

        organization.set(inputs(ClusterFiles.parse(CLUSTER_TEXT.replace("nodePools: [a100, l40s]", "nodePools: [l40s, a100]"))));
        tick();

        JobSpec reordered = job(last(), steady).orElseThrow();
        assertThat(reordered).isNotSameAs(job(before, steady).orElseThrow());
        assertThat(reordered.nodePools()).containsExactly("l40s", "a100");
    }

    @Test
    void decisionsOfABusyClusterAreTheSameAsWithNewRecordsEveryCycle() throws WorkloadException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            names.add(submit("job-" + i, i % 3 == 0 ? 4 : 1));
            tick();
        }
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofSeconds(7));
            tick();
        }

        assertThat(results).hasSizeGreaterThan(40);
        assertThat(results).anySatisfy(r -> assertThat(r.bindings()).isNotEmpty());
        assertThat(results.getLast().pending()).isNotEmpty();
        assertThat(last().jobs()).extracting(JobSpec::name).isSubsetOf(names);
        List<JobSpec> previous = snapshots.get(snapshots.size() - 2).jobs();
        assertThat(last().jobs()).filteredOn(previous::contains).isNotEmpty()
                .allSatisfy(j -> assertThat(previous).anySatisfy(p -> assertThat(p).isSameAs(j)));
    }

    private String submit(String name, int gpus) throws WorkloadException {
        return controller.submit(WorkloadSpec.newBuilder().setProject("vision").setName(name).setType(WorkloadType.WORKLOAD_TYPE_TRAINING)
                .setImage("pytorch:2").setCompute(ComputeRequest.newBuilder().setGpuDevices(gpus))
                .putAnnotations("runplane.io/simulated-duration", "3600s").build(), "ada", false).getUuid();
    }

    private void tick() {
        clock.advance(Duration.ofSeconds(1));
        controller.tick();
    }

    private ClusterSnapshot last() {
        return snapshots.getLast();
    }

    private static Optional<JobSpec> job(ClusterSnapshot snapshot, String uuid) {
        return snapshot.jobs().stream().filter(j -> j.name().equals(uuid)).findFirst();
    }

    private static SchedulerInputs inputs(ClusterFile file) {
        return SchedulingView.of(ClusterFileSeed.of(file), file.nodes());
    }

    private static ClusterSnapshot withNewJobRecords(ClusterSnapshot snapshot) {
        List<JobSpec> jobs = snapshot.jobs().stream().map(j -> new JobSpec(j.name(), j.queue(), j.priority(), j.preemptible(),
                j.minMember(), j.nodePools(), j.nodeSelector(), j.tolerations(), j.submitOrder(), j.tasks())).toList();
        return new ClusterSnapshot(snapshot.pools(), snapshot.nodes(), snapshot.queues(), jobs, snapshot.nowMillis());
    }
}
