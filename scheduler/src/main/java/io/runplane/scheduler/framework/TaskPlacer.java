package io.runplane.scheduler.framework;

import io.runplane.scheduler.api.NodeInfo;
import io.runplane.scheduler.api.PoolInfo;
import io.runplane.scheduler.api.TaskInfo;

/** Chooses nodes and devices for tasks. */
public interface TaskPlacer {

    /** Places the task on the best node of the pool through the session's statement; false if none fits. */
    boolean place(Session session, TaskInfo task, PoolInfo pool);

    /** Places the task on this node if it fits there. */
    boolean placeOn(Session session, TaskInfo task, NodeInfo node);

    /** Whether the node could ever host the task: schedulable, selectors, taints, device count. */
    boolean admits(TaskInfo task, NodeInfo node);

    /** Why no node of the pool takes the task now, in words for the user. */
    String explain(TaskInfo task, PoolInfo pool);
}
