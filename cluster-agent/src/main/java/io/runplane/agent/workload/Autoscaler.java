package io.runplane.agent.workload;

import io.runplane.api.v1.InferenceOptions;

/**
 * Replica count of an inference workload from its offered request rate and its scaling metric,
 * the way a Knative/HPA autoscaler would: desired = ceil(current x observed / target), clamped to
 * min..max replicas.
 */
public final class Autoscaler {

    /** Mean service time of one request in the simulation, for the concurrency metric. */
    static final double SERVICE_SECONDS = 0.2;
    static final double DEFAULT_TARGET = 50;

    private Autoscaler() {
    }

    static int maxReplicas(InferenceOptions o) {
        return o.getMaxReplicas() == 0 ? Math.max(1, o.getMinReplicas()) : o.getMaxReplicas();
    }

    static int desired(InferenceOptions o, double requestRate, int current) {
        int min = o.getMinReplicas();
        int max = maxReplicas(o);
        double target = o.getTarget() > 0 ? o.getTarget() : DEFAULT_TARGET;
        int serving = Math.max(1, current);
        double wanted = switch (o.getMetric()) {
            case "concurrency" -> requestRate * SERVICE_SECONDS / target;
            case "latency" -> serving * latencyMs(requestRate, serving) / target;
            case "gpu-utilization", "cpu-utilization" -> serving * utilization(requestRate, serving) / target;
            default -> requestRate / target;
        };
        int desired = requestRate <= 0 ? 0 : (int) Math.ceil(wanted - 1e-9);
        return Math.clamp(desired, min, max);
    }

    /** Latency a replica shows at a share of the request rate: flat until it saturates. */
    public static double latencyMs(double requestRate, int replicas) {
        double perReplica = requestRate / Math.max(1, replicas);
        return 60 + Math.max(0, perReplica - 40) * 4;
    }

    public static double utilization(double requestRate, int replicas) {
        return Math.min(100, requestRate / Math.max(1, replicas) * 1.5);
    }
}
