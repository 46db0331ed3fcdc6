package io.runplane.agent.workload;

/** A rejected field of a request: its path (e.g. {@code spec.compute.gpu_portion}) and why. */
public record FieldProblem(String field, String description) {
}
