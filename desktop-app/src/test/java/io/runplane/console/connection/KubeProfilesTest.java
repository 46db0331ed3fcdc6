package io.runplane.console.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kubernetes context profiles are saved beside the remote ones, checked against their kubeconfig. */
class KubeProfilesTest {

    @TempDir
    Path dir;

    @Test
    void aKubernetesProfileSurvivesARestartWithoutAStoredToken() throws Exception {
        Path kubeconfig = Kubeconfigs.write(dir, "https://127.0.0.1:6443");
        ConnectionProfile lab = ConnectionProfile.kubernetes("lab", "GPU lab",
                new KubeTarget(kubeconfig, "lab", "gpu", "agent", 7443));
        ConnectionProfiles profiles = ConnectionProfiles.load(dir.resolve("settings"));

        profiles.save(lab, Optional.of(""));
        profiles.markUsed(lab);
        ConnectionProfiles reloaded = ConnectionProfiles.load(dir.resolve("settings"));

        assertThat(reloaded.all()).containsExactly(ConnectionProfile.LOCAL, lab);
        assertThat(reloaded.lastUsed()).isEqualTo(lab);
        assertThat(lab.label()).isEqualTo("GPU lab (lab / gpu/agent:7443)");
        assertThat(Files.exists(reloaded.tokenFile("lab"))).isFalse();
        assertThat(reloaded.connector(lab)).isInstanceOf(KubeClusterConnector.class);
    }

    @Test
    void anUnknownContextOrMissingKubeconfigIsNamedAndNothingIsSaved() throws Exception {
        Path kubeconfig = Kubeconfigs.write(dir, "https://127.0.0.1:6443");
        Path missing = dir.resolve("missing-config");
        ConnectionProfiles profiles = ConnectionProfiles.load(dir.resolve("settings"));

        assertThatThrownBy(() -> profiles.save(ConnectionProfile.kubernetes("a", "a",
                new KubeTarget(kubeconfig, "staging", "runplane", "runplane-agent", 50051)), Optional.of("t")))
                .hasMessage("Context: " + kubeconfig + " has no context 'staging' (it has lab, prod)");
        assertThatThrownBy(() -> profiles.save(ConnectionProfile.kubernetes("b", "b",
                new KubeTarget(missing, "lab", "runplane", "runplane-agent", 50051)), Optional.empty()))
                .hasMessage("Kubeconfig: " + missing + " does not exist or cannot be read");

        assertThat(profiles.all()).containsExactly(ConnectionProfile.LOCAL);
        assertThat(Files.exists(dir.resolve("settings"))).isFalse();
    }

    @Test
    void badTargetFieldsAreNamed() throws Exception {
        Path kubeconfig = Kubeconfigs.write(dir, "https://127.0.0.1:6443");

        assertThatThrownBy(() -> new KubeTarget(kubeconfig, "", "runplane", "runplane-agent", 50051))
                .hasMessage("Context: choose a context of " + kubeconfig);
        assertThatThrownBy(() -> new KubeTarget(kubeconfig, "lab", "Run_Plane", "runplane-agent", 50051))
                .hasMessage("Namespace: 'Run_Plane' is not a Kubernetes namespace name");
        assertThatThrownBy(() -> new KubeTarget(kubeconfig, "lab", "runplane", "agent.svc", 50051))
                .hasMessage("Service: 'agent.svc' is not a Kubernetes service name");
        assertThatThrownBy(() -> new KubeTarget(kubeconfig, "lab", "runplane", "runplane-agent", 0))
                .hasMessage("Port: must be 1 to 65535, got 0");
    }
}
