package io.runplane.agent.server;

import io.runplane.access.Identity;
import io.runplane.agent.access.VisibleProjects;
import io.runplane.agent.events.ChangeFeed;
import io.runplane.agent.workload.WorkloadController;
import io.runplane.api.v1.Workload;

import java.util.List;
import java.util.function.Function;

/**
 * A workload watch that follows its caller's permissions: when an access-rule change alters which
 * projects the caller may view, the watch starts over with a fresh snapshot flagged resync, filtered
 * by the new view, so workloads no longer visible drop out and newly visible ones appear. Messages
 * of the superseded watch still in flight are dropped, so the client never sees them after the
 * snapshot.
 */
final class VisibilityFollowingWatch {

    private final WorkloadController controller;
    private final String project;
    private final Function<WorkloadAccess.Visible, WorkloadController.WatchSubscriber> subscriberFor;
    private final Object restarting = new Object();
    private final Object sending = new Object();
    private int generation;
    private Runnable unwatch = () -> { };
    private VisibleProjects.Following following;
    private boolean cancelled;
    private volatile Runnable resume = () -> { };

    private VisibilityFollowingWatch(WorkloadController controller, String project,
                                     Function<WorkloadAccess.Visible, WorkloadController.WatchSubscriber> subscriberFor) {
        this.controller = controller;
        this.project = project;
        this.subscriberFor = subscriberFor;
    }

    /**
     * Starts the watch with the caller's view now; {@code subscriberFor} builds the stream's subscriber
     * for a view. Returns what ends the watch.
     */
    static Runnable start(WorkloadController controller, VisibleProjects visibility, Identity caller, WorkloadAccess.Visible visible,
                          String project, long resumeFrom, Function<WorkloadAccess.Visible, WorkloadController.WatchSubscriber> subscriberFor) {
        VisibilityFollowingWatch watch = new VisibilityFollowingWatch(controller, project, subscriberFor);
        synchronized (watch.restarting) {
            watch.unwatch = controller.watch(project, resumeFrom, watch.guarded(0, subscriberFor.apply(visible), false));
            watch.following = visibility.followView(caller, visible.view(), watch::restart);
        }
        return watch::cancel;
    }

    private void restart(VisibleProjects.View view) {
        synchronized (restarting) {
            if (cancelled) {
                return;
            }
            int next;
            synchronized (sending) {
                next = ++generation;
            }
            unwatch.run();
            unwatch = controller.watch(project, 0, guarded(next, subscriberFor.apply(new WorkloadAccess.Visible(view)), true));
        }
    }

    private void cancel() {
        synchronized (restarting) {
            cancelled = true;
            if (following != null) {
                following.close();
            }
            unwatch.run();
        }
    }

    /** The subscriber of one generation: silent once a newer one started; its first snapshot is a resync after a restart. */
    private WorkloadController.WatchSubscriber guarded(int mine, WorkloadController.WatchSubscriber subscriber, boolean resync) {
        return new WorkloadController.WatchSubscriber() {
            @Override
            public boolean snapshot(long revision, List<Workload> workloads, boolean lagged) {
                synchronized (sending) {
                    return generation == mine && subscriber.snapshot(revision, workloads, lagged || resync);
                }
            }

            @Override
            public boolean deltas(List<ChangeFeed.Change> changes) {
                synchronized (sending) {
                    return generation == mine && subscriber.deltas(changes);
                }
            }

            @Override
            public int batchLimit() {
                return subscriber.batchLimit();
            }

            @Override
            public boolean ready() {
                return subscriber.ready();
            }

            /** The stream takes one ready handler, at its start: it resumes whichever generation is current. */
            @Override
            public void onReady(Runnable resumeThis) {
                boolean first = mine == 0;
                resume = resumeThis;
                if (first) {
                    subscriber.onReady(() -> resume.run());
                }
            }
        };
    }
}
