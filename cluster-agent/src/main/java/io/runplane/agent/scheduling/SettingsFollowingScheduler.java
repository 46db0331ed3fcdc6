package io.runplane.agent.scheduling;

import io.runplane.scheduler.ClusterSnapshot;
import io.runplane.scheduler.CycleResult;
import io.runplane.scheduler.Scheduler;
import io.runplane.scheduler.TimeBasedFairness;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The agent's long-lived scheduler, made again when the cluster's time-based fairness setting
 * changes (on, off, window or usage weight). A new scheduler starts with no past usage: the window
 * fills from the cycles it runs, and what the stale gang clock and the reused jobs remembered is
 * built again in its first cycles.
 */
public final class SettingsFollowingScheduler implements SchedulingCycle {

    private static final Logger LOG = Logger.getLogger(SettingsFollowingScheduler.class.getName());

    private final Supplier<Optional<TimeBasedFairness>> settings;
    private Optional<TimeBasedFairness> current;
    private Scheduler scheduler;

    /** @param settings the time-based fairness variant to run with now (empty: off), asked once per cycle */
    public SettingsFollowingScheduler(Supplier<Optional<TimeBasedFairness>> settings) {
        this.settings = settings;
        this.current = settings.get();
        this.scheduler = build(current);
    }

    @Override
    public synchronized CycleResult run(ClusterSnapshot snapshot) {
        Optional<TimeBasedFairness> wanted = settings.get();
        if (!wanted.equals(current)) {
            LOG.info("time-based fairness " + wanted.map(f -> "on, window " + f.window() + ", usage weight " + f.usageWeight())
                    .orElse("off") + ": the scheduler starts again with no past usage");
            current = wanted;
            scheduler = build(wanted);
        }
        return scheduler.cycle(snapshot);
    }

    private static Scheduler build(Optional<TimeBasedFairness> fairness) {
        return new Scheduler(Scheduler.DEFAULT_STALE_GANG_GRACE, fairness.orElse(null));
    }
}
