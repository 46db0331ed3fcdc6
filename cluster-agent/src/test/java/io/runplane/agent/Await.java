package io.runplane.agent;

import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.runplane.api.v1.WatchWorkloadsRequest;
import io.runplane.api.v1.WatchWorkloadsResponse;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadDelta;
import io.runplane.api.v1.WorkloadStatus;

import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** Waits on the agent's own watch stream (no sleeping): returns the first state that matches. */
final class Await {

    private Await() {
    }

    static Workload workload(AgentClient client, String project, String name, Predicate<Workload> condition) {
        return change(client, project, name, w -> w.isPresent() && condition.test(w.get())).orElseThrow();
    }

    static Workload status(AgentClient client, String project, String name, WorkloadStatus status) {
        return workload(client, project, name, w -> w.getStatus() == status);
    }

    /** Waits until the workload no longer exists. */
    static void deleted(AgentClient client, String project, String name) {
        change(client, project, name, Optional::isEmpty);
    }

    private static Optional<Workload> change(AgentClient client, String project, String name, Predicate<Optional<Workload>> condition) {
        AtomicReference<Optional<Workload>> last = new AtomicReference<>(Optional.empty());
        try (Context.CancellableContext context = Context.current().withCancellation()) {
            return context.call(() -> {
                Iterator<WatchWorkloadsResponse> watch = client.workloads().withDeadlineAfter(60, TimeUnit.SECONDS)
                        .watch(WatchWorkloadsRequest.newBuilder().setProject(project).build());
                WatchWorkloadsResponse first = watch.next();
                Optional<Workload> current = first.getSnapshot().getWorkloadsList().stream()
                        .filter(w -> w.getSpec().getName().equals(name)).findFirst();
                while (!condition.test(current)) {
                    last.set(current);
                    WorkloadDelta delta = watch.next().getDelta();
                    if (delta.getWorkload().getSpec().getName().equals(name)) {
                        current = delta.getKind() == WorkloadDelta.Kind.KIND_DELETED ? Optional.empty() : Optional.of(delta.getWorkload());
                    }
                }
                return current;
            });
        } catch (StatusRuntimeException e) {
            throw new AssertionError("gave up waiting for " + project + "/" + name + "; last seen: "
                    + last.get().map(w -> w.getStatus() + " " + w.getStatusMessage()).orElse("nothing"), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
