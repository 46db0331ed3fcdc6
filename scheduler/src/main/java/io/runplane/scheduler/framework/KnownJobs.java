package io.runplane.scheduler.framework;

import io.runplane.scheduler.ClusterSnapshot;
import io.runplane.scheduler.JobSpec;
import io.runplane.scheduler.api.JobInfo;
import io.runplane.scheduler.api.PoolInfo;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The jobs of the last session, kept so that the next one reuses every job whose spec is the very
 * same object, on a cluster whose pools, nodes and queues are the very same objects too: such a
 * job needs no names resolved and no task built again, only its state put back as the snapshot
 * shows it. Anything else is built from its spec. Specs are immutable records, so the same object
 * means the same job.
 */
public final class KnownJobs {

    private ClusterSnapshot snapshot;
    private JobInfo[] byPosition = new JobInfo[0];
    private List<PoolInfo> pools = List.of();
    private Map<JobSpec, Integer> positions;

    /** Whether the jobs known from the last session may be reused on {@code next}'s cluster. */
    boolean sameCluster(ClusterSnapshot next) {
        return snapshot != null && sameObjects(snapshot.pools(), next.pools())
                && sameObjects(snapshot.nodes(), next.nodes()) && sameObjects(snapshot.queues(), next.queues());
    }

    /**
     * Takes the job built last time from this very spec, found at {@code position} or elsewhere;
     * null if there is none or it was taken already (a job is reused once).
     */
    JobInfo take(int position, JobSpec spec) {
        List<JobSpec> jobs = snapshot.jobs();
        int found = position < jobs.size() && jobs.get(position) == spec ? position : positionOf(spec);
        if (found < 0) {
            return null;
        }
        JobInfo job = byPosition[found];
        byPosition[found] = null;
        return job;
    }

    /** The pools of the last session, by index. */
    List<PoolInfo> poolsBefore() {
        return pools;
    }

    /**
     * Keeps the session's jobs for the next one; {@code jobs[i]} is built from the snapshot's job
     * {@code i}, null where it may not be reused.
     */
    void remember(ClusterSnapshot opened, JobInfo[] jobs, List<PoolInfo> openedPools) {
        snapshot = opened;
        byPosition = jobs;
        pools = openedPools;
        positions = null;
    }

    private int positionOf(JobSpec spec) {
        if (positions == null) {
            List<JobSpec> jobs = snapshot.jobs();
            positions = new IdentityHashMap<>(jobs.size() * 2);
            for (int i = 0; i < jobs.size(); i++) {
                if (byPosition[i] != null) {
                    positions.put(jobs.get(i), i);
                }
            }
        }
        Integer found = positions.get(spec);
        return found == null ? -1 : found;
    }

    private static boolean sameObjects(List<?> before, List<?> now) {
        if (before == now) {
            return true;
        }
        if (before.size() != now.size()) {
            return false;
        }
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i) != now.get(i)) {
                return false;
            }
        }
        return true;
    }
}
