package io.runplane.scheduler.framework;

import io.runplane.scheduler.api.TaskInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * The only tasks that can carry a decision of the cycle so far: those pending when the session
 * opened and the running ones the statement changed since, in task order. Every other task still
 * runs where the snapshot shows it.
 */
public final class DecisionCandidates {

    private DecisionCandidates() {
    }

    /** The candidates as they stand now; changes made while the list is read are not in it. */
    public static List<TaskInfo> of(Session session) {
        List<TaskInfo> pendingAtOpen = session.pendingAtOpen;
        List<TaskInfo> candidates = new ArrayList<>(pendingAtOpen.size() + 1024);
        int nextPending = 0;
        int nextChanged = session.statement.nextChangedRunning(0);
        while (nextPending < pendingAtOpen.size() || nextChanged >= 0) {
            if (nextChanged < 0 || nextPending < pendingAtOpen.size()
                    && pendingAtOpen.get(nextPending).index < nextChanged) {
                candidates.add(pendingAtOpen.get(nextPending++));
            } else {
                candidates.add(session.tasks.get(nextChanged));
                nextChanged = session.statement.nextChangedRunning(nextChanged + 1);
            }
        }
        return candidates;
    }
}
