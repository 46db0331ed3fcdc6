package io.runplane.scheduler;

import io.runplane.scheduler.actions.Allocate;
import io.runplane.scheduler.actions.Consolidation;
import io.runplane.scheduler.actions.GpuMemorySwapRelief;
import io.runplane.scheduler.actions.LentGpuMemoryReturn;
import io.runplane.scheduler.actions.Preempt;
import io.runplane.scheduler.actions.Reclaim;
import io.runplane.scheduler.actions.StaleGangEviction;
import io.runplane.scheduler.framework.Action;
import io.runplane.scheduler.framework.Plugin;
import io.runplane.scheduler.plugins.gang.GangPlugin;
import io.runplane.scheduler.plugins.gpusharing.GpuSharingPlugin;
import io.runplane.scheduler.plugins.placement.PlacementPlugin;
import io.runplane.scheduler.plugins.priority.PriorityPlugin;
import io.runplane.scheduler.plugins.proportion.ProportionPlugin;

import java.util.List;

/** The one place where the cycle's plugins and actions, and their order, are declared. */
final class SchedulingPipeline {

    private SchedulingPipeline() {
    }

    /** The plugins, with the time-based fairness variant when {@code timeBasedFairness} is not null. */
    static List<Plugin> plugins(TimeBasedFairness timeBasedFairness) {
        return List.of(new PriorityPlugin(), new GangPlugin(),
                timeBasedFairness == null ? new ProportionPlugin() : new ProportionPlugin(timeBasedFairness),
                new GpuSharingPlugin(), new PlacementPlugin());
    }

    static List<Action> actions() {
        return List.of(new GpuMemorySwapRelief(), new Allocate(), new Consolidation(), new Reclaim(), new Preempt(), new StaleGangEviction(),
                new LentGpuMemoryReturn());
    }
}
