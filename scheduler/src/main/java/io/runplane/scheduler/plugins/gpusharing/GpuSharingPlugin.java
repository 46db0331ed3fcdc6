package io.runplane.scheduler.plugins.gpusharing;

import io.runplane.scheduler.api.JobInfo;
import io.runplane.scheduler.api.NodeInfo;
import io.runplane.scheduler.api.PoolInfo;
import io.runplane.scheduler.api.TaskInfo;
import io.runplane.scheduler.api.TaskStatus;
import io.runplane.scheduler.framework.Plugin;
import io.runplane.scheduler.framework.Session;

/**
 * GPU sharing: which devices of a node a task gets. Whole-GPU tasks take idle devices; a fraction
 * (by portion or by memory) joins a device whose fractions still sum to at most 1 (the fullest one
 * for binpack, so idle devices stay whole) or opens an idle device (first, for spread). A device
 * whose memory is lent to dynamic fractions is taken only if no device fits without it back.
 * With the node-level scheduler on the pool, a fraction takes the least used device with room,
 * idle ones included, below the pool's limit of fractions per device.
 */
public final class GpuSharingPlugin implements Plugin {

    @Override
    public void onSessionOpen(Session session) {
        session.addAllocationCheck(GpuSharingPlugin::memoryRefusal);
        for (NodeInfo node : session.nodes) {
            node.clearLent();
        }
        for (TaskInfo task : session.tasks) {
            if (task.gpuLimit > 0 && task.status == TaskStatus.RUNNING && task.gpuInUse > task.share
                    && task.devices.length == 1) {
                task.node.lend(task.devices[0], Math.min(task.gpuInUse, task.gpuLimit) - task.share);
            }
        }
    }

    private static String memoryRefusal(JobInfo job, PoolInfo pool, double[] request) {
        for (TaskInfo task : job.tasks) {
            if (task.status == TaskStatus.PENDING && task.gpuMemoryMiB > pool.deviceMemoryMiB()) {
                return "task " + task.name + " asks for " + (long) task.gpuMemoryMiB
                        + " MiB of GPU memory but the largest device in pool " + pool.name + " has "
                        + (long) pool.deviceMemoryMiB() + " MiB";
            }
        }
        return null;
    }

    /** The devices the task would get on the node, with their share in {@code shareOut[0]}; null if none fit. */
    public static int[] devicesFor(TaskInfo task, NodeInfo node, boolean binpack, double[] shareOut) {
        if (task.wholeGpus > 0) {
            if (node.freeWholeGpus() < task.wholeGpus) {
                return null;
            }
            int[] devices = new int[task.wholeGpus];
            node.idleDevices(task.wholeGpus, devices);
            shareOut[0] = 1.0;
            return devices;
        }
        if (!task.isFraction()) {
            shareOut[0] = 0;
            return new int[0];
        }
        double share = node.shareOf(task);
        if (node.pool.nodeLevel()) {
            int device = node.spreadDeviceFor(share);
            shareOut[0] = share;
            return device < 0 ? null : new int[] {device};
        }
        int device = binpack ? node.sharedDeviceFor(share, true) : -1;
        if ((device < 0 || node.needsLentMemory(device, share)) && node.freeWholeGpus() > 0) {
            int[] idle = new int[1];
            node.idleDevices(1, idle);
            device = idle[0];
        }
        if (device < 0 && !binpack) {
            device = node.sharedDeviceFor(share, false);
        }
        if (device < 0) {
            return null;
        }
        shareOut[0] = share;
        return new int[] {device};
    }

    /** Whether a fraction of this size could join one of the node's partly used devices. */
    public static boolean fitsSharedDevice(TaskInfo task, NodeInfo node) {
        return node.pool.nodeLevel() ? node.spreadDeviceFor(node.shareOf(task)) >= 0
                : node.sharedDeviceFor(node.shareOf(task), true) >= 0;
    }
}
