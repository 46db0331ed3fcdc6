package io.runplane.agent.workload;

import io.runplane.agent.backend.simulated.SimulatedBackend;
import io.runplane.agent.cluster.ClusterFile;
import io.runplane.agent.cluster.ClusterFiles;
import io.runplane.agent.events.ChangeFeed;
import io.runplane.agent.organization.ClusterFileSeed;
import io.runplane.agent.organization.SchedulingView;
import io.runplane.agent.store.WorkloadStore;
import io.runplane.agent.time.TimeScale;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadEvent;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;
import io.runplane.scheduler.CycleResult;
import io.runplane.scheduler.Eviction;
import io.runplane.scheduler.Scheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The controller driven tick by tick on a hand-moved clock, with the real scheduler behind a seam. */
class WorkloadControllerTest {

    @TempDir
    Path data;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final List<Eviction> nextEvictions = new ArrayList<>();
    private Runnable duringNextCycle = () -> { };
    private final ClusterFile cluster = ClusterFiles.parse(ClusterFiles.defaultText().replaceAll("(?s)\nworkloads:.*", "\n"));
    private WorkloadController controller;
    private WorkloadStore store;

    @BeforeEach
    void setUp() throws java.io.IOException {
        controller = restart();
    }

    @AfterEach
    void closeStore() throws java.io.IOException {
        store.close();
    }

    /** Closes the store (if open) and starts a controller on what it holds, as an agent restart does. */
    private WorkloadController restart() throws java.io.IOException {
        if (store != null) {
            store.close();
        }
        store = WorkloadStore.open(data);
        Scheduler scheduler = new Scheduler();
        return new WorkloadController(new SimulatedBackend(cluster, TimeScale.REAL_TIME), snapshot -> {
            duringNextCycle.run();
            duringNextCycle = () -> { };
            CycleResult result = scheduler.cycle(snapshot);
            List<Eviction> evictions = new ArrayList<>(result.evictions());
            evictions.addAll(nextEvictions);
            nextEvictions.clear();
            return new CycleResult(result.bindings(), evictions, result.pending());
        }, store, clock, TimeScale.REAL_TIME, () -> SchedulingView.of(ClusterFileSeed.of(cluster), cluster.nodes()));
    }

    private static WorkloadSpec training(String name) {
        return WorkloadSpec.newBuilder().setProject("vision").setName(name).setType(WorkloadType.WORKLOAD_TYPE_TRAINING)
                .setImage("pytorch:2").setCompute(ComputeRequest.newBuilder().setGpuDevices(1))
                .putAnnotations("runplane.io/simulated-duration", "60s").build();
    }

    private Workload advance(Duration by, String name) throws WorkloadException {
        clock.advance(by);
        controller.tick();
        return controller.get("vision", name);
    }

    private List<WorkloadEvent> events(String name) throws WorkloadException {
        List<WorkloadEvent> events = new ArrayList<>();
        controller.events("vision", name, false, new WorkloadController.EventSubscriber() {
            @Override
            public boolean accept(WorkloadEvent event) {
                return events.add(event);
            }

            @Override
            public void ended() {
            }
        });
        return events;
    }

    @Test
    void walksTheLifecycleOnTheClock() throws WorkloadException {
        controller.submit(training("steps"), "ada", false);
        assertThat(advance(Duration.ZERO, "steps").getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_INITIALIZING);
        assertThat(advance(Duration.ofSeconds(3), "steps").getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        assertThat(advance(Duration.ofSeconds(59), "steps").getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        Workload done = advance(Duration.ofSeconds(1), "steps");
        assertThat(done.getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_COMPLETED);
        assertThat(done.getCompletedAt().getSeconds()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(done.getPods(0).getStartedAt().getSeconds()).isEqualTo(Instant.parse("2026-03-01T10:00:03Z").getEpochSecond());
    }

    @Test
    void anEvictionIsRecordedWithTheSchedulersReasonAndThePodIsReplaced() throws WorkloadException {
        Workload submitted = controller.submit(training("victim"), "ada", false);
        Workload running = advance(Duration.ofSeconds(5), "victim");
        assertThat(running.getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_INITIALIZING);
        running = advance(Duration.ofSeconds(5), "victim");
        assertThat(running.getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        String pod = running.getPods(0).getName();

        nextEvictions.add(new Eviction(submitted.getUuid(), pod, Eviction.Kind.RECLAIMED, "project nlp reclaims its deserved quota in a100"));
        Workload after = advance(Duration.ofSeconds(1), "victim");

        assertThat(events("victim")).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("Reclaimed");
            assertThat(e.getMessage()).isEqualTo("project nlp reclaims its deserved quota in a100");
            assertThat(e.getSource()).isEqualTo("scheduler");
            assertThat(e.getPod()).isEqualTo(pod);
        });
        assertThat(after.getPodsList()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo(pod);
            assertThat(p.getPhase()).isEqualTo("Terminated");
            assertThat(p.getMessage()).startsWith("Reclaimed");
        });
        assertThat(after.getPodsList()).filteredOn(p -> !p.getName().equals(pod)).singleElement()
                .satisfies(p -> assertThat(p.getIndex()).isZero());
        assertThat(after.getStatus()).isIn(WorkloadStatus.WORKLOAD_STATUS_PENDING, WorkloadStatus.WORKLOAD_STATUS_INITIALIZING);
    }

    @Test
    void everythingSurvivesARestartFromTheStore() throws Exception {
        controller.submit(training("kept"), "ada", false);
        advance(Duration.ofSeconds(10), "kept");
        Workload before = controller.get("vision", "kept");
        List<WorkloadEvent> eventsBefore = events("kept");

        controller = restart();
        Workload after = controller.get("vision", "kept");
        assertThat(after).isEqualTo(before);
        assertThat(events("kept")).isEqualTo(eventsBefore);
        assertThat(controller.revision()).isEqualTo(before.getRevision());

        advance(Duration.ofSeconds(60), "kept");
        assertThat(advance(Duration.ofSeconds(3), "kept").getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_COMPLETED);
    }

    @Test
    void revisionsNeverGoBackAcrossARestartEvenAfterARemoval() throws Exception {
        controller.submit(training("short"), "ada", false);
        controller.delete("vision", "short", "ada");
        controller.tick();
        long afterRemoval = controller.revision();
        controller = restart();
        assertThat(store.recovered()).isEmpty();
        assertThat(controller.revision()).isEqualTo(afterRemoval);
        assertThat(controller.submit(training("next"), "ada", false).getRevision()).isGreaterThan(afterRemoval);
    }

    @Test
    void aWorkloadStoppedWhileTheSchedulerComputesIsNotBound() throws Exception {
        controller.submit(training("moving"), "ada", false);
        controller.tick();
        assertThat(controller.get("vision", "moving").getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_INITIALIZING);
        controller.submit(training("late"), "ada", false);
        duringNextCycle = () -> {
            try {
                controller.stop("vision", "late", "bob");
            } catch (WorkloadException e) {
                throw new AssertionError(e);
            }
        };

        controller.tick();

        Workload late = controller.get("vision", "late");
        assertThat(late.getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_STOPPED);
        assertThat(late.getPodsList()).allSatisfy(p -> assertThat(p.getNode()).isEmpty());
        assertThat(events("late")).extracting(WorkloadEvent::getReason).doesNotContain("Scheduled");
    }

    @Test
    void aSubmissionIsStoredAndPublishedOnceWithItsPodGroupPending() throws Exception {
        List<ChangeFeed.Change> deltas = new CopyOnWriteArrayList<>();
        controller.watch("vision", 0, new WorkloadController.WatchSubscriber() {
            @Override
            public boolean snapshot(long revision, List<Workload> workloads, boolean resync) {
                return true;
            }

            @Override
            public boolean deltas(List<ChangeFeed.Change> changes) {
                return deltas.addAll(changes);
            }
        });
        long before = controller.revision();

        Workload submitted = controller.submit(training("once"), "ada", false);

        assertThat(controller.revision()).as("one revision for the submission").isEqualTo(before + 1);
        assertThat(submitted.getRevision()).isEqualTo(before + 1);
        assertThat(submitted.getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_PENDING);
        assertThat(submitted.getPodsList()).hasSize(1);
        assertThat(events("once")).extracting(WorkloadEvent::getReason).containsExactly("Submitted", "PodGroupCreated", "Pending");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (deltas.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(100);
        assertThat(deltas).singleElement().satisfies(c -> {
            assertThat(c.revision()).isEqualTo(before + 1);
            assertThat(c.workload()).isEqualTo(submitted);
        });
    }

    @Test
    void aRefusedSubmissionChangesNothing() throws Exception {
        long revision = controller.revision();
        WorkloadException e = org.assertj.core.api.Assertions.catchThrowableOfType(WorkloadException.class,
                () -> controller.submit(training("Bad Name"), "ada", false));
        assertThat(e.kind()).isEqualTo(WorkloadException.Kind.INVALID);
        assertThat(e.problems()).extracting(FieldProblem::field).containsExactly("spec.name");
        assertThat(controller.revision()).isEqualTo(revision);
        controller = restart();
        assertThat(store.recovered()).isEmpty();
    }

    @Test
    void aStoppedWorkloadHoldsNoPodsAndResumesFromPending() throws WorkloadException {
        controller.submit(training("pausable"), "ada", false);
        advance(Duration.ofSeconds(10), "pausable");
        Workload stopped = controller.stop("vision", "pausable", "ada");
        assertThat(stopped.getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_STOPPED);
        assertThat(stopped.getStatusMessage()).isEqualTo("stopped by ada");
        assertThat(controller.allocations().byProject()).doesNotContainKey("vision");

        assertThat(controller.resume("vision", "pausable", "ada").getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_PENDING);
        assertThat(advance(Duration.ZERO, "pausable").getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_INITIALIZING);
        assertThat(controller.allocations().byProject().get("vision").gpu()).isEqualTo(1.0);
    }

    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

}
