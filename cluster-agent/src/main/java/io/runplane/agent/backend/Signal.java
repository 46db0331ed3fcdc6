package io.runplane.agent.backend;

/** A measured quantity of one pod. GPU signals are per device; the others per pod. */
public enum Signal {
    GPU_UTILIZATION_PERCENT,
    GPU_MEMORY_MIB,
    CPU_MILLIS,
    MEMORY_MIB
}
