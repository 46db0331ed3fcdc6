package io.runplane.scheduler;

import io.runplane.scheduler.api.JobInfo;
import io.runplane.scheduler.api.PoolInfo;
import io.runplane.scheduler.framework.Session;
import io.runplane.scheduler.framework.SessionFactory;
import io.runplane.scheduler.framework.StaleGangClock;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trial placements ask the allocation checks only whether a request is allowed; the answer must be
 * exactly whether the check would write a refusal, for limits and the in-quota rule alike.
 */
class AllocationAllowedTest {

    private static TaskSpec runningOn(String node, double gpu, List<Integer> devices) {
        return new TaskSpec("0", gpu, 0, 1000, 1024, Optional.of(new Binding.Placement(node, devices, gpu >= 1 ? 1.0 : gpu)));
    }

    private static TaskSpec waiting(double gpu) {
        return new TaskSpec("0", gpu, 0, 1000, 1024, Optional.empty());
    }

    private static JobSpec job(String name, String queue, boolean preemptible, long order, TaskSpec task) {
        return new JobSpec(name, queue, preemptible ? 50 : 125, preemptible, 1, List.of(), Map.of(), List.of(), order,
                List.of(task));
    }

    private static ClusterSnapshot snapshot() {
        List<QueueSpec> queues = List.of(
                QueueSpec.department("dept", Resources.gpus(5)),
                new QueueSpec("limited", Optional.of("dept"), Resources.gpus(2), Map.of(), 1, new Resources(3, -1, -1), 100),
                QueueSpec.project("open", "dept", Resources.gpus(2.5)));
        List<JobSpec> jobs = List.of(
                job("held", "limited", false, 0, runningOn("n0", 2, List.of(0, 1))),
                job("shared", "open", false, 1, runningOn("n1", 0.5, List.of(0))),
                job("borrowed", "open", true, 2, runningOn("n1", 1, List.of(1))),
                job("more-in-quota", "limited", false, 3, waiting(1)),
                job("more-preemptible", "limited", true, 4, waiting(1)),
                job("open-in-quota", "open", false, 5, waiting(0.5)));
        return new ClusterSnapshot(List.of(), List.of(NodeSpec.of("n0", "default", 4), NodeSpec.of("n1", "default", 4)),
                queues, jobs, 0);
    }

    @Test
    void allowedExactlyWhenNoRefusalIsWritten() {
        Session session = SessionFactory.open(snapshot(), new StaleGangClock(60_000), SchedulingPipeline.plugins(null));
        PoolInfo pool = session.pools.getFirst();
        int allowed = 0;
        int refused = 0;
        for (JobInfo job : session.jobs) {
            for (double gpu = 0; gpu <= 4; gpu += 0.25) {
                for (double cpu : new double[] {0, 1000}) {
                    double[] request = {gpu, cpu, 0};
                    for (boolean beforePreemption : new boolean[] {false, true}) {
                        boolean answer = session.allocationAllowed(job, pool, request, beforePreemption);
                        String refusal = session.allocationRefusal(job, pool, request, beforePreemption);
                        assertThat(answer).as("%s asking %s GPU, %s CPU, before preemption %s: %s", job, gpu, cpu,
                                beforePreemption, refusal).isEqualTo(refusal == null);
                        if (answer) {
                            allowed++;
                        } else {
                            refused++;
                        }
                    }
                }
            }
        }
        assertThat(allowed).isPositive();
        assertThat(refused).isPositive();
        double[] overLimit = {1.5, 0, 0};
        JobInfo preemptible = session.jobs.get(4);
        assertThat(session.allocationRefusal(preemptible, pool, overLimit, false)).contains("limit");
        assertThat(session.allocationAllowed(preemptible, pool, overLimit, true)).isTrue();
        JobInfo inQuota = session.jobs.get(3);
        assertThat(session.allocationRefusal(inQuota, pool, new double[] {1, 0, 0}, true)).contains("within quota");
    }
}
