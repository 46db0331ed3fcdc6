package io.runplane.agent;

import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadType;

/** Small spec builders for tests. */
final class Specs {

    private Specs() {
    }

    static WorkloadSpec.Builder training(String project, String name, String duration) {
        return WorkloadSpec.newBuilder()
                .setProject(project)
                .setName(name)
                .setType(WorkloadType.WORKLOAD_TYPE_TRAINING)
                .setImage("nvcr.io/nvidia/pytorch:24.08-py3")
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(1).setCpuMillis(2000).setMemoryMib(8192))
                .putAnnotations("runplane.io/simulated-duration", duration);
    }
}
