package io.runplane.console.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes kubeconfig files for tests: contexts "lab" (namespace runplane) and "prod" (current), user alice. */
final class Kubeconfigs {

    static final String KUBE_TOKEN = "alice-kube-token";

    private Kubeconfigs() {
    }

    static Path write(Path dir, String server) throws IOException {
        return Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: lab
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                users:
                - name: alice
                  user:
                    token: %s
                contexts:
                - name: lab
                  context:
                    cluster: lab
                    user: alice
                    namespace: runplane
                - name: prod
                  context:
                    cluster: lab
                    user: alice
                current-context: prod
                """.formatted(server, KUBE_TOKEN));
    }
}
