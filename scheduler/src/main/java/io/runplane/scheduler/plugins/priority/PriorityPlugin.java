package io.runplane.scheduler.plugins.priority;

import io.runplane.scheduler.api.JobInfo;
import io.runplane.scheduler.api.PoolInfo;
import io.runplane.scheduler.api.QueueInfo;
import io.runplane.scheduler.framework.Plugin;
import io.runplane.scheduler.framework.Session;
import io.runplane.scheduler.framework.VictimRule;

import java.util.Comparator;

/**
 * Job order inside a queue (higher priority, then gangs still below their minimum, then older) and
 * the preemption rule: only preemptible jobs of strictly lower priority in the same project.
 */
public final class PriorityPlugin implements Plugin {

    /** Priority values of the built-in classes. */
    public static final int TRAIN = 50;
    public static final int BUILD_PREEMPTIBLE = 75;
    public static final int INTERACTIVE_PREEMPTIBLE = 75;
    public static final int BUILD = 100;
    public static final int INFERENCE = 125;

    /** Priorities from here up are non-preemptible unless a job says otherwise. */
    public static final int NON_PREEMPTIBLE_FROM = 100;

    private static final Comparator<JobInfo> ORDER = (a, b) -> {
        if (a.priority != b.priority) {
            return Integer.compare(b.priority, a.priority);
        }
        boolean aBelow = a.active < a.minMember;
        boolean bBelow = b.active < b.minMember;
        if (aBelow != bBelow) {
            return aBelow ? -1 : 1;
        }
        return Long.compare(a.submitOrder, b.submitOrder);
    };

    @Override
    public void onSessionOpen(Session session) {
        session.setJobOrder(ORDER);
        session.addPreemptRule(new VictimRule() {
            @Override
            public String queueRefusal(JobInfo claimant, double[] request, QueueInfo victimQueue, PoolInfo pool) {
                return victimQueue == claimant.queue ? null : "preemption stays inside the project";
            }

            @Override
            public String refusal(JobInfo claimant, double[] request, JobInfo victim, double[] charge, PoolInfo pool) {
                return preemptRefusal(claimant, victim);
            }
        });
    }

    private static String preemptRefusal(JobInfo claimant, JobInfo victim) {
        if (victim.queue != claimant.queue) {
            return "other project";
        }
        if (!victim.preemptible) {
            return "victim is not preemptible";
        }
        if (victim.priority >= claimant.priority) {
            return "victim priority " + victim.priority + " is not lower than " + claimant.priority;
        }
        return null;
    }
}
