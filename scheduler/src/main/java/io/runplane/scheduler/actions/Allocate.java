package io.runplane.scheduler.actions;

import io.runplane.scheduler.api.JobInfo;
import io.runplane.scheduler.api.PendingReason;
import io.runplane.scheduler.api.PoolInfo;
import io.runplane.scheduler.api.QueueInfo;
import io.runplane.scheduler.api.TaskInfo;
import io.runplane.scheduler.framework.Action;
import io.runplane.scheduler.framework.QueueRank;
import io.runplane.scheduler.framework.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Places pending jobs on free resources, the best-ranked queue first (departments, then their
 * projects), each queue's jobs in job order, one turn at a time so that the queue order is
 * recomputed after every placement. A gang is placed only when its minimum fits at once in one
 * pool; an elastic job then grows one pod per turn. A job that does not fit is skipped, it does
 * not block the jobs behind it.
 */
public final class Allocate implements Action {

    private record Ranked(QueueRank rank, QueueInfo queue) implements Comparable<Ranked> {
        @Override
        public int compareTo(Ranked other) {
            return rank.compareTo(other.rank);
        }
    }

    private static final class JobCursor {
        final List<JobInfo> jobs;
        int next;

        JobCursor(List<JobInfo> jobs) {
            this.jobs = jobs;
        }

        JobInfo peek() {
            return next < jobs.size() ? jobs.get(next) : null;
        }
    }

    @Override
    public String name() {
        return "allocate";
    }

    @Override
    public void execute(Session session) {
        // by queue index: the cursor over each project's waiting jobs, the ranked projects of each department
        JobCursor[] cursors = new JobCursor[session.queues.size()];
        List<QueueInfo> projectsWaiting = new ArrayList<>();
        for (JobInfo job : session.jobsWaiting()) {
            JobCursor cursor = cursors[job.queue.index];
            if (cursor == null) {
                cursor = new JobCursor(new ArrayList<>());
                cursors[job.queue.index] = cursor;
                projectsWaiting.add(job.queue);
            }
            cursor.jobs.add(job);
        }
        @SuppressWarnings("unchecked")
        PriorityQueue<Ranked>[] projectsOf = new PriorityQueue[session.queues.size()];
        List<QueueInfo> departmentsWaiting = new ArrayList<>();
        for (QueueInfo project : projectsWaiting) {
            QueueInfo top = project.parent == null ? project : project.parent;
            if (projectsOf[top.index] == null) {
                projectsOf[top.index] = new PriorityQueue<>();
                departmentsWaiting.add(top);
            }
            projectsOf[top.index].add(new Ranked(session.rank(project, cursors[project.index].peek()), project));
        }
        PriorityQueue<Ranked> departments = new PriorityQueue<>();
        for (QueueInfo department : departmentsWaiting) {
            QueueInfo firstProject = projectsOf[department.index].peek().queue;
            departments.add(new Ranked(session.rank(department, cursors[firstProject.index].peek()), department));
        }
        while (!departments.isEmpty()) {
            QueueInfo department = departments.poll().queue;
            PriorityQueue<Ranked> projects = projectsOf[department.index];
            QueueInfo project = projects.poll().queue;
            JobCursor cursor = cursors[project.index];
            if (!allocate(session, cursor.peek())) {
                cursor.next++;
            }
            if (cursor.peek() != null) {
                projects.add(new Ranked(session.rank(project, cursor.peek()), project));
            }
            if (!projects.isEmpty()) {
                JobInfo next = cursors[projects.peek().queue.index].peek();
                departments.add(new Ranked(session.rank(department, next), department));
            }
        }
    }

    /**
     * Gives the job one turn: its gang minimum at once, or (once the minimum runs) one more pod.
     *
     * @return whether the job placed pods and has more waiting, so it should get another turn
     */
    static boolean allocate(Session session, JobInfo job) {
        List<TaskInfo> waiting = session.waitingTasks(job);
        if (waiting.isEmpty()) {
            return false;
        }
        if (job.gangShortfall() > waiting.size()) {
            job.pendingReason = PendingReason.of("gang needs " + job.minMember + " pods but only "
                    + (job.active + waiting.size()) + " can run this cycle (the others are being evicted)");
            return false;
        }
        boolean growing = job.gangShortfall() == 0;
        int together = Math.max(1, job.gangShortfall());
        List<PoolInfo> pools = session.poolsFor(job);
        PendingReason first = null;
        List<PendingReason> reasons = null;
        for (int p = 0, n = pools.size(); p < n; p++) {
            PoolInfo pool = pools.get(p);
            double[] request = session.request(waiting, together, pool);
            String refusal = session.allocationRefusal(job, pool, request);
            PendingReason failure = refusal != null ? PendingReason.of(refusal)
                    : session.placeTogether(job, waiting, together, pool);
            if (failure == null) {
                session.statement.commit();
                job.pendingReason = null;
                return waiting.size() > together;
            }
            if (first == null) {
                first = failure;
            } else {
                if (reasons == null) {
                    reasons = new ArrayList<>(n);
                    reasons.add(first);
                }
                reasons.add(failure);
            }
        }
        PendingReason reason = reasons == null ? first : PendingReason.join(reasons, "; ");
        job.pendingReason = growing ? reason.prefixed("elastic workload runs " + job.active + " of "
                + job.tasks.size() + " pods; no room for more: ") : reason;
        return false;
    }
}
