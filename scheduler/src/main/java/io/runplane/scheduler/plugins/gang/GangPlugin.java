package io.runplane.scheduler.plugins.gang;

import io.runplane.scheduler.api.JobInfo;
import io.runplane.scheduler.api.TaskInfo;
import io.runplane.scheduler.api.TaskStatus;
import io.runplane.scheduler.framework.Plugin;
import io.runplane.scheduler.framework.Session;

import java.util.ArrayList;
import java.util.List;

/**
 * Gang semantics for eviction: while an elastic job runs above its minimum, any one of its
 * non-leader pods (the first pod is the leader) may go alone, the last ones first; at the minimum
 * only the whole gang can be evicted. The whole gang is always the last unit.
 */
public final class GangPlugin implements Plugin {

    @Override
    public void onSessionOpen(Session session) {
        session.setVictimUnits(GangPlugin::victimUnits);
    }

    static List<List<TaskInfo>> victimUnits(JobInfo job) {
        List<List<TaskInfo>> units = new ArrayList<>();
        if (job.stillRunning == 0) {
            return units;
        }
        List<TaskInfo> rest = new ArrayList<>();
        boolean spare = job.active > job.minMember;
        for (int i = job.tasks.size() - 1; i >= 0; i--) {
            TaskInfo task = job.tasks.get(i);
            if (!task.status.holdsResources()) {
                continue;
            }
            rest.add(task);
            if (spare && i > 0 && task.status == TaskStatus.RUNNING) {
                units.add(List.of(task));
            }
        }
        if (!rest.isEmpty()) {
            units.add(rest);
        }
        return units;
    }

    /** Whether a job has pods running but fewer than its minimum. */
    public static boolean belowMinimum(JobInfo job) {
        return job.stillRunning > 0 && job.active < job.minMember;
    }
}
