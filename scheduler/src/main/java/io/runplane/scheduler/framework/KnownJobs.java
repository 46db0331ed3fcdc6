package io.runplane.scheduler.framework;

import io.runplane.scheduler.ClusterSnapshot;
import io.runplane.scheduler.JobSpec;
import io.runplane.scheduler.NodePoolSpec;
import io.runplane.scheduler.NodeSpec;
import io.runplane.scheduler.QueueSpec;
import io.runplane.scheduler.api.JobInfo;
import io.runplane.scheduler.api.PoolInfo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The jobs of the last session, kept so that the next one reuses every job whose spec is the very
 * same object, on a cluster whose pools, nodes and queues are the very same objects too: such a
 * job needs no names resolved and no task built again, only its state put back as the snapshot
 * shows it. Specs are immutable records, so the same object means the same job.
 *
 * <p>Jobs are matched in the order of the snapshots: a job is looked for a little way ahead of the
 * last match, so jobs added or removed here and there cost nothing, while a job moved far from its
 * place, like any other not found, is built from its spec.
 */
public final class KnownJobs {

    /** Shape keys kept at most; past that they are forgotten and shared anew (keys still compare by text). */
    private static final int MAX_SHAPES = 65_536;

    /** How far past the last match a job is looked for (jobs removed since the last snapshot). */
    private static final int LOOK_AHEAD = 16;

    private List<JobSpec> specs = List.of();
    private JobInfo[] jobs = new JobInfo[0];
    private List<NodePoolSpec> poolSpecs;
    private List<NodeSpec> nodeSpecs;
    private List<QueueSpec> queueSpecs;
    private List<PoolInfo> pools = List.of();
    private int next;
    private ListSizes sizes = ListSizes.NONE;
    private final Map<String, String> shapes = new HashMap<>();

    /**
     * Starts matching the jobs of {@code snapshot} from its first one; false when none may be
     * reused because its pools, nodes or queues are not those of the last session.
     */
    boolean startMatching(ClusterSnapshot snapshot) {
        next = 0;
        return poolSpecs != null && sameObjects(poolSpecs, snapshot.pools()) && sameObjects(nodeSpecs, snapshot.nodes())
                && sameObjects(queueSpecs, snapshot.queues());
    }

    /** The job built last time from this very spec, if it comes soon after the last one taken; else null. */
    JobInfo take(JobSpec spec) {
        int end = Math.min(specs.size(), next + LOOK_AHEAD);
        for (int i = next; i < end; i++) {
            if (specs.get(i) == spec) {
                next = i + 1;
                return jobs[i];
            }
        }
        return null;
    }

    /** The pools of the last session, by index. */
    List<PoolInfo> poolsBefore() {
        return pools;
    }

    /**
     * Keeps the session's jobs for the next one; {@code built[i]} is built from the snapshot's job
     * {@code i}, null where it may not be reused; the sizes of its lists size the next session's.
     */
    void remember(ClusterSnapshot snapshot, JobInfo[] built, List<PoolInfo> openedPools, ListSizes listSizes) {
        specs = snapshot.jobs();
        jobs = built;
        poolSpecs = snapshot.pools();
        nodeSpecs = snapshot.nodes();
        queueSpecs = snapshot.queues();
        pools = openedPools;
        sizes = listSizes;
        next = 0;
    }

    /** How long the last session's lists grew; the per-node and per-queue sizes hold while its cluster is reused. */
    ListSizes sizesBefore() {
        return sizes;
    }

    /** The one instance of a job shape key kept across sessions, so that the jobs of one shape share it. */
    String sharedShape(String shapeKey) {
        String shared = shapes.get(shapeKey);
        if (shared == null) {
            if (shapes.size() >= MAX_SHAPES) {
                shapes.clear();
            }
            shapes.put(shapeKey, shapeKey);
            shared = shapeKey;
        }
        return shared;
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
