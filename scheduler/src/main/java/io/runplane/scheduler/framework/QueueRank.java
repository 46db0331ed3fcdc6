package io.runplane.scheduler.framework;

/**
 * Where a queue stands for its next job; smaller ranks are served first.
 *
 * @param overFairShare  the queue already holds more than its fair share
 * @param beyondDeserved the next job would take the queue over its deserved quota
 * @param priority       queue priority, higher first
 * @param dominantShare  DRF share with the next job counted
 * @param order          declaration order, older first
 */
public record QueueRank(boolean overFairShare, boolean beyondDeserved, int priority, double dominantShare,
                        int order) implements Comparable<QueueRank> {

    @Override
    public int compareTo(QueueRank other) {
        if (overFairShare != other.overFairShare) {
            return overFairShare ? 1 : -1;
        }
        if (beyondDeserved != other.beyondDeserved) {
            return beyondDeserved ? 1 : -1;
        }
        if (priority != other.priority) {
            return Integer.compare(other.priority, priority);
        }
        int byShare = Double.compare(dominantShare, other.dominantShare);
        return byShare != 0 ? byShare : Integer.compare(order, other.order);
    }
}
