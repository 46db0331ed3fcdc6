package io.runplane.agent;

import io.runplane.agent.time.TimeScale;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How an agent runs.
 *
 * @param timeScale     how much faster than real time the simulated cluster runs: at 10, a
 *                      workload annotated {@code runplane.io/simulated-duration: 30s} runs for
 *                      3 wall-clock seconds, and image pulls, back-offs and time-to-live shrink alike
 * @param tick          how often the control loop runs (also after change requests, at most every 50 ms)
 * @param bindAddress   the address the gRPC server listens on (loopback by default)
 * @param clusterFile   the cluster file to seed a new data directory with; empty = the default cluster
 * @param localUser     the user registered (with a token in the data directory) as System administrator
 * @param tls           the certificate chain and private key to serve TLS with; empty = plaintext
 * @param kubernetes    run against a Kubernetes cluster instead of the simulated one; empty = simulated
 */
public record AgentOptions(TimeScale timeScale, Duration tick, String bindAddress, Optional<Path> clusterFile, String localUser,
                           Optional<Tls> tls, Optional<Kubernetes> kubernetes) {

    /**
     * The Kubernetes backend's connection.
     *
     * @param kubeconfig a kubeconfig file, {@code in-cluster} (the pod's service account), or empty for the usual lookup
     * @param namespace  the one namespace all workload pods go to; empty = each project's namespace
     * @param prometheus the Prometheus to read GPU (DCGM exporter), CPU and memory series from; empty = no metrics
     */
    public record Kubernetes(Optional<String> kubeconfig, Optional<String> namespace, Optional<java.net.URI> prometheus) {
    }

    /** A PEM certificate chain and its PEM (PKCS#8) private key. */
    public record Tls(Path certificateChain, Path privateKey) {
    }

    public static final String LOOPBACK = "127.0.0.1";

    public AgentOptions {
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("tick must be positive");
        }
    }

    /** Real time, a one-second loop, loopback only, the default cluster. */
    public static AgentOptions defaults() {
        return timeScale(1);
    }

    /**
     * The simulation sped up by {@code factor} (e.g. 20 for tests), with the control loop sped up
     * alike (never more often than every 20 ms).
     */
    public static AgentOptions timeScale(double factor) {
        TimeScale scale = new TimeScale(factor);
        Duration tick = scale.real(Duration.ofSeconds(1));
        if (tick.compareTo(Duration.ofMillis(20)) < 0) {
            tick = Duration.ofMillis(20);
        }
        return new AgentOptions(scale, tick, LOOPBACK, Optional.empty(), System.getProperty("user.name", "local"), Optional.empty(),
                Optional.empty());
    }

    public AgentOptions withBindAddress(String address) {
        return new AgentOptions(timeScale, tick, address, clusterFile, localUser, tls, kubernetes);
    }

    public AgentOptions withClusterFile(Path file) {
        return new AgentOptions(timeScale, tick, bindAddress, Optional.of(file), localUser, tls, kubernetes);
    }

    public AgentOptions withTick(Duration newTick) {
        return new AgentOptions(timeScale, newTick, bindAddress, clusterFile, localUser, tls, kubernetes);
    }

    /** The local user is named {@code user} instead of the operating system's user. */
    public AgentOptions withLocalUser(String user) {
        return new AgentOptions(timeScale, tick, bindAddress, clusterFile, user, tls, kubernetes);
    }

    public AgentOptions withTls(Path certificateChain, Path privateKey) {
        return new AgentOptions(timeScale, tick, bindAddress, clusterFile, localUser, Optional.of(new Tls(certificateChain, privateKey)), kubernetes);
    }

    /** Runs against a Kubernetes cluster (see {@link Kubernetes}) instead of the simulated one. */
    public AgentOptions withKubernetes(Kubernetes cluster) {
        return new AgentOptions(timeScale, tick, bindAddress, clusterFile, localUser, tls, Optional.of(cluster));
    }
}
