package io.runplane.agent.backend.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.runplane.agent.backend.ClusterBackend;
import io.runplane.agent.backend.LaunchedPod;
import io.runplane.agent.backend.LogEntry;
import io.runplane.agent.backend.PodObservation;
import io.runplane.agent.backend.PodPhase;
import io.runplane.agent.backend.Signal;
import io.runplane.agent.cluster.ClusterFile;
import io.runplane.manifest.Namespaces;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * A real cluster through the Kubernetes API. Nodes, Runplane's pods and all pods (for what pods of
 * other schedulers hold on the nodes, see {@link ForeignPods}) are followed by shared informers, so
 * {@link #inventory()} and {@link #observe} read a local cache; {@link #launch}
 * creates the pod with {@code schedulerName: runplane} and binds it to the node the agent's
 * scheduler chose through the Binding API. A create or bind the API server refuses is retried at
 * each observation until it goes through or the pod is terminated.
 */
public final class KubernetesBackend implements ClusterBackend, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KubernetesBackend.class.getName());
    private static final int HTTP_NOT_FOUND = 404;
    private static final int HTTP_CONFLICT = 409;

    private final KubernetesClient client;
    private final ClusterFile organization;
    private final Optional<String> namespace;
    private final Optional<PrometheusSignals> prometheus;
    private final SharedIndexInformer<Node> nodes;
    private final SharedIndexInformer<Pod> pods;
    private final SharedIndexInformer<Pod> allPods;
    private final Set<String> awaitingWatch = ConcurrentHashMap.newKeySet();
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final Set<String> knownNamespaces = ConcurrentHashMap.newKeySet();
    private volatile ClusterFile inventory;

    /** Where the backend works and what it reads measurements from. */
    public record Settings(Optional<String> namespace, Optional<URI> prometheus) {
        public static Settings defaults() {
            return new Settings(Optional.empty(), Optional.empty());
        }
    }

    private KubernetesBackend(KubernetesClient client, ClusterFile organization, Settings settings) {
        this.client = client;
        this.organization = organization;
        this.namespace = settings.namespace();
        this.prometheus = settings.prometheus().map(PrometheusSignals::new);
        this.nodes = client.nodes().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                inventory = null;
            }

            @Override
            public void onUpdate(Node before, Node after) {
                inventory = null;
            }

            @Override
            public void onDelete(Node node, boolean unknownFinalState) {
                inventory = null;
            }
        }, 0);
        var managed = settings.namespace().isPresent()
                ? client.pods().inNamespace(settings.namespace().get()).withLabel(PodManifest.MANAGED_BY_LABEL, PodManifest.MANAGED_BY)
                : client.pods().inAnyNamespace().withLabel(PodManifest.MANAGED_BY_LABEL, PodManifest.MANAGED_BY);
        this.pods = managed.inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                awaitingWatch.remove(Cache.metaNamespaceKeyFunc(pod));
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
                awaitingWatch.remove(Cache.metaNamespaceKeyFunc(after));
            }

            @Override
            public void onDelete(Pod pod, boolean unknownFinalState) {
            }
        }, 0);
        this.allPods = client.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                changed(pod);
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
                if (ForeignPods.holds(before) || ForeignPods.holds(after)) {
                    inventory = null;
                }
            }

            @Override
            public void onDelete(Pod pod, boolean unknownFinalState) {
                changed(pod);
            }

            private void changed(Pod pod) {
                if (ForeignPods.holds(pod)) {
                    inventory = null;
                }
            }
        }, 0);
    }

    /**
     * Starts following the cluster's Nodes and Runplane's pods; returns once both caches hold the
     * API server's current lists.
     *
     * @param organization the pools (by node label), departments and projects; its nodes are ignored
     * @throws KubernetesClientException when the API server cannot be reached or refuses the lists
     */
    public static KubernetesBackend start(KubernetesClient client, ClusterFile organization, Settings settings) {
        try {
            return new KubernetesBackend(client, organization, settings);
        } catch (KubernetesClientException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new KubernetesClientException("cannot list the Nodes and pods of " + client.getMasterUrl() + ": "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), e);
        }
    }

    @Override
    public String kind() {
        return "kubernetes";
    }

    @Override
    public ClusterFile inventory() {
        ClusterFile current = inventory;
        if (current == null) {
            current = NodeInventory.of(organization, nodes.getStore().list(), allPods.getStore().list());
            inventory = current;
        }
        return current;
    }

    @Override
    public void launch(LaunchedPod pod) {
        String ns = namespaceOf(pod);
        Pod existing = pods.getIndexer().getByKey(ns + "/" + pod.name());
        if (existing != null && PodManifest.restart(existing) != pod.restarts()) {
            delete(ns, pod.name());
        }
        apply(pod, ns);
    }

    private void apply(LaunchedPod pod, String ns) {
        PodResource resource = client.pods().inNamespace(ns).withName(pod.name());
        try {
            ensureNamespace(ns);
            try {
                resource.create(PodManifest.pod(pod, ns));
                awaitingWatch.add(ns + "/" + pod.name());
            } catch (KubernetesClientException e) {
                if (e.getCode() != HTTP_CONFLICT || stale(ns, pod)) {
                    throw e;
                }
            }
            try {
                client.bindings().inNamespace(ns).resource(PodManifest.binding(pod, ns)).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != HTTP_CONFLICT) {
                    throw e;
                }
            }
            refused.remove(pod.uuid());
        } catch (KubernetesClientException e) {
            String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
            if (!message.equals(refused.put(pod.uuid(), message))) {
                LOG.warning("cannot start pod " + ns + "/" + pod.name() + " on " + pod.node() + ": " + message);
            }
        }
    }

    /** The pod of that name is a previous run's (still terminating): the new run has to wait. */
    private boolean stale(String ns, LaunchedPod pod) {
        Pod current = client.pods().inNamespace(ns).withName(pod.name()).get();
        return current != null && PodManifest.restart(current) != pod.restarts();
    }

    private void ensureNamespace(String ns) {
        if (namespace.isPresent() || knownNamespaces.contains(ns)) {
            return;
        }
        if (client.namespaces().withName(ns).get() == null) {
            try {
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
                        .addToLabels(PodManifest.MANAGED_BY_LABEL, PodManifest.MANAGED_BY).endMetadata().build()).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != HTTP_CONFLICT) {
                    throw e;
                }
            }
        }
        knownNamespaces.add(ns);
    }

    @Override
    public PodObservation observe(LaunchedPod pod, Instant now) {
        String ns = namespaceOf(pod);
        if (refused.containsKey(pod.uuid())) {
            apply(pod, ns);
            String problem = refused.get(pod.uuid());
            if (problem != null) {
                return PodObservation.of(PodPhase.PENDING, pod.launchedAt(), "the API server refused the pod: " + problem + "; retrying");
            }
        }
        String key = ns + "/" + pod.name();
        Pod cached = pods.getIndexer().getByKey(key);
        if (cached == null) {
            if (awaitingWatch.contains(key)) {
                return PodObservation.of(PodPhase.PENDING, pod.launchedAt(), "created; waiting for the API server to report it");
            }
            return new PodObservation(PodPhase.FAILED, now, 1, "the pod " + key + " no longer exists in the cluster");
        }
        if (PodManifest.restart(cached) != pod.restarts()) {
            return PodObservation.of(PodPhase.PENDING, pod.launchedAt(), "waiting for the previous run's pod to be removed");
        }
        return PodStatusReading.observe(cached, pod.launchedAt());
    }

    @Override
    public void terminate(LaunchedPod pod) {
        refused.remove(pod.uuid());
        String ns = namespaceOf(pod);
        awaitingWatch.remove(ns + "/" + pod.name());
        delete(ns, pod.name());
    }

    private void delete(String ns, String name) {
        try {
            client.pods().inNamespace(ns).withName(name).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HTTP_NOT_FOUND) {
                LOG.warning("cannot delete pod " + ns + "/" + name + ": " + e.getMessage());
            }
        }
    }

    @Override
    public List<LogEntry> logs(LaunchedPod pod, Instant from, Instant to, int limit) {
        String ns = namespaceOf(pod);
        Pod cached = pods.getIndexer().getByKey(ns + "/" + pod.name());
        if (cached == null || cached.getSpec() == null || limit <= 0) {
            return List.of();
        }
        List<String> containers = cached.getSpec().getContainers().stream().map(Container::getName).toList();
        List<LogEntry> lines = new ArrayList<>();
        for (String container : containers) {
            try {
                String text = client.pods().inNamespace(ns).withName(pod.name()).inContainer(container)
                        .usingTimestamps().sinceTime(from.toString()).tailingLines(limit).getLog();
                lines.addAll(PodLogs.parse(container, text, from, to));
            } catch (KubernetesClientException e) {
                LOG.fine(() -> "no log for " + ns + "/" + pod.name() + "/" + container + ": " + e.getMessage());
            }
        }
        lines.sort(Comparator.comparing(LogEntry::time));
        return lines.size() <= limit ? List.copyOf(lines) : List.copyOf(lines.subList(lines.size() - limit, lines.size()));
    }

    @Override
    public OptionalDouble measure(LaunchedPod pod, Signal signal, int gpuIndex, Instant at) {
        if (prometheus.isEmpty() || pod.runningSince().map(at::isBefore).orElse(true)
                || pod.endedAt().map(at::isAfter).orElse(false)) {
            return OptionalDouble.empty();
        }
        if ((signal == Signal.GPU_UTILIZATION_PERCENT || signal == Signal.GPU_MEMORY_MIB) && !pod.gpuIndices().contains(gpuIndex)) {
            return OptionalDouble.empty();
        }
        return prometheus.get().measure(pod, namespaceOf(pod), signal, gpuIndex, at);
    }

    @Override
    public Map<String, String> annotationProblems(Map<String, String> annotations) {
        return Map.of();
    }

    /** No request rate is known in a cluster yet: inference workloads stay at their minimum replicas. */
    @Override
    public double requestRate(String workloadUuid, Map<String, String> annotations, Instant at) {
        return 0;
    }

    /** The namespace a pod of this project runs in. */
    String namespaceOf(LaunchedPod pod) {
        return namespace.orElseGet(() -> organization.project(pod.project())
                .map(ClusterFile.ProjectDef::namespace)
                .orElse(Namespaces.ofProject(pod.project())));
    }

    /** Stops following the cluster; the client stays open (its owner closes it). */
    @Override
    public void close() {
        allPods.stop();
        pods.stop();
        nodes.stop();
    }
}
