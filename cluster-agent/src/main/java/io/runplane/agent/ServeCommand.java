package io.runplane.agent;

import io.runplane.agent.auth.LocalIdentity;
import io.runplane.agent.time.TimeScale;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** {@code serve} (the default): runs the agent until the process is told to stop. */
final class ServeCommand implements AgentCommand {

    static final String USAGE = """
            Usage: runplane-agent [serve] [--simulated] --data DIR [--port N] [--bind ADDRESS] [--time-scale X] [--cluster FILE]
                                         [--tls-cert FILE --tls-key FILE]
                   runplane-agent [serve] --kubernetes --data DIR [--kubeconfig FILE|in-cluster] [--namespace NS]
                                         [--prometheus URL] [--port N] [--bind ADDRESS] [--cluster FILE] [--tls-cert FILE --tls-key FILE]
                   runplane-agent token --data DIR (--user NAME [--group GROUP]... | --application NAME)
                   runplane-agent policy check ...

              --simulated       use the simulated cluster backend (the default)
              --kubernetes      run against a Kubernetes cluster: its Nodes, pods bound by Runplane, TokenReview sign-in
              --kubeconfig F    the cluster's kubeconfig file, or 'in-cluster' for the pod's service account
                                (default: KUBECONFIG, ~/.kube/config, then the service account)
              --namespace NS    put every workload pod in NS (default: each project's namespace)
              --prometheus URL  read GPU (DCGM exporter), CPU and memory series from this Prometheus (default: none)
              --data DIR        data directory: cluster.yaml and workloads/ (created and seeded when new)
              --port N          gRPC port, 0 = any free port (default 50051)
              --bind ADDRESS    address to listen on (default 127.0.0.1)
              --time-scale X    run the simulated cluster X times faster than real time (default 1)
              --cluster FILE    cluster file to seed a new data directory with (default: the built-in cluster);
                                with --kubernetes only its pools, departments and projects are used
              --tls-cert FILE   serve TLS with this PEM certificate chain (with --tls-key)
              --tls-key FILE    the PEM (PKCS#8) private key of --tls-cert

            Callers authenticate with 'authorization: Bearer <token>'. Simulated: the local user's token is in
            DIR/local-token; 'runplane-agent token' issues tokens to other users and applications.
            Kubernetes: any token the API server accepts in a TokenReview (user and groups as it answers).
              --help            print this help
            """;

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Path data = null;
        int port = 50051;
        String bind = AgentOptions.LOOPBACK;
        Path clusterFile = null;
        double scale = 1;
        Path tlsCert = null;
        Path tlsKey = null;
        boolean kubernetes = false;
        String kubeconfig = null;
        String namespace = null;
        java.net.URI prometheus = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            try {
                switch (arg) {
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    case "--simulated" -> kubernetes = false;
                    case "--kubernetes" -> kubernetes = true;
                    case "--kubeconfig" -> kubeconfig = value(args, ++i, arg);
                    case "--namespace" -> namespace = value(args, ++i, arg);
                    case "--prometheus" -> prometheus = prometheusUrl(value(args, ++i, arg));
                    case "--data" -> data = Path.of(value(args, ++i, arg));
                    case "--port" -> {
                        port = Integer.parseInt(value(args, ++i, arg));
                        if (port < 0 || port > 65535) {
                            return usage(err, "--port must be between 0 and 65535");
                        }
                    }
                    case "--bind" -> bind = value(args, ++i, arg);
                    case "--time-scale" -> {
                        scale = Double.parseDouble(value(args, ++i, arg));
                        new TimeScale(scale);
                    }
                    case "--cluster" -> {
                        clusterFile = Path.of(value(args, ++i, arg));
                        if (!Files.isRegularFile(clusterFile)) {
                            return usage(err, "--cluster " + clusterFile + ": no such file");
                        }
                    }
                    case "--tls-cert" -> tlsCert = Path.of(value(args, ++i, arg));
                    case "--tls-key" -> tlsKey = Path.of(value(args, ++i, arg));
                    default -> {
                        return usage(err, "unknown argument " + arg);
                    }
                }
            } catch (NumberFormatException e) {
                return usage(err, arg + " needs a number");
            } catch (IllegalArgumentException e) {
                return usage(err, e.getMessage());
            }
        }
        if (data == null) {
            return usage(err, "--data DIR is required");
        }
        if (!kubernetes && (kubeconfig != null || namespace != null || prometheus != null)) {
            return usage(err, "--kubeconfig, --namespace and --prometheus need --kubernetes");
        }
        if (kubernetes && scale != 1) {
            return usage(err, "--time-scale applies to the simulated cluster only");
        }
        AgentOptions options = AgentOptions.timeScale(scale).withBindAddress(bind);
        if (kubernetes) {
            options = options.withKubernetes(new AgentOptions.Kubernetes(Optional.ofNullable(kubeconfig), Optional.ofNullable(namespace),
                    Optional.ofNullable(prometheus)));
        }
        if (clusterFile != null) {
            options = options.withClusterFile(clusterFile);
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            return usage(err, tlsCert == null ? "--tls-key needs --tls-cert" : "--tls-cert needs --tls-key");
        }
        if (tlsCert != null) {
            options = options.withTls(tlsCert, tlsKey);
        } else if (!isLoopback(bind)) {
            err.println("runplane-agent: warning: serving plaintext on " + bind + "; tokens cross the network in clear."
                    + " Use --tls-cert and --tls-key.");
        }
        EmbeddedAgent agent;
        try {
            agent = EmbeddedAgent.start(data, port, options);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            err.println("runplane-agent: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "runplane-shutdown"));
        out.println("Runplane agent listening on " + bind + ":" + agent.port() + (tlsCert != null ? " with TLS" : "")
                + (kubernetes ? " (kubernetes, data " + data + "; callers sign in with tokens the API server reviews)"
                : " (simulated, data " + data + "; local token in " + data.resolve(LocalIdentity.TOKEN_FILE) + ")"));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static java.net.URI prometheusUrl(String text) {
        try {
            java.net.URI uri = new java.net.URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("--prometheus needs an http(s) URL, got " + text);
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("--prometheus needs an http(s) URL, got " + text);
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return java.net.InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    static String value(List<String> args, int i, String flag) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args.get(i);
    }

    static int usage(PrintStream err, String problem) {
        err.println("runplane-agent: " + problem);
        err.print(USAGE);
        return 2;
    }
}
