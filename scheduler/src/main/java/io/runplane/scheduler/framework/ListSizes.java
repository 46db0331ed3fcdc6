package io.runplane.scheduler.framework;

import java.util.List;

/**
 * How long the lists of the last session grew, so that the next session on the same cluster
 * sizes its lists once instead of growing them: the tasks, those pending, the jobs waiting and
 * the gangs, the running tasks of each node (by node index) and the victim lists (by pool and
 * queue index).
 */
record ListSizes(int tasks, int pending, int waiting, int gangs, int[] onNode, int[] victims) {

    static final ListSizes NONE = new ListSizes(0, 0, 0, 0, new int[0], new int[0]);

    /** The sizes of {@code lists}, 0 for a list that is null. */
    static int[] of(List<? extends List<?>> lists) {
        int[] sizes = new int[lists.size()];
        for (int i = 0; i < sizes.length; i++) {
            List<?> list = lists.get(i);
            sizes[i] = list == null ? 0 : list.size();
        }
        return sizes;
    }

    /** The capacity for list {@code i} of {@code sizes}: what it held last time and a little room, or {@code fallback}. */
    static int capacity(int[] sizes, int i, int fallback) {
        return i < sizes.length ? sizes[i] + 2 : fallback;
    }
}
