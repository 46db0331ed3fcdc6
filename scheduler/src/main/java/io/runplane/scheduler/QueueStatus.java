package io.runplane.scheduler;

import java.util.Optional;

/**
 * A queue as the last cycle left it, summed over node pools.
 *
 * @param fairShare what the queue is entitled to this cycle (deserved plus its over-quota share)
 * @param allocated what its running and newly bound tasks hold
 * @param requested allocated plus what its pending tasks ask for (a pending task counts in every
 *                  pool it may use)
 */
public record QueueStatus(
        String name,
        Optional<String> parent,
        Resources deserved,
        Resources fairShare,
        Resources allocated,
        Resources requested) {
}
