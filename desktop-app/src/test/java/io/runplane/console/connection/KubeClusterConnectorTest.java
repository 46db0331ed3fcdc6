package io.runplane.console.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the agent pod behind its Service, against fabric8's mock API server reached through a real kubeconfig file. */
@EnableKubernetesMockClient(crud = true)
class KubeClusterConnectorTest {

    KubernetesMockServer server;
    KubernetesClient client;
    @TempDir
    Path dir;
    private KubeClusterConnector connector;
    private KubernetesClient fromKubeconfig;

    @BeforeEach
    void kubeconfig() throws Exception {
        Path file = Kubeconfigs.write(dir, client.getConfiguration().getMasterUrl());
        connector = new KubeClusterConnector(new KubeTarget(file, "lab", "runplane", "runplane-agent", 50051), Optional.empty());
        fromKubeconfig = connector.kubernetesClient();
    }

    private void service(Object targetPort) {
        IntOrString target = targetPort instanceof Integer n ? new IntOrString(n) : new IntOrString((String) targetPort);
        client.services().inNamespace("runplane").resource(new ServiceBuilder()
                .withNewMetadata().withName("runplane-agent").endMetadata()
                .withNewSpec().addToSelector("app", "runplane-agent")
                    .addNewPort().withName("grpc").withPort(50051).withTargetPort(target).endPort()
                .endSpec().build()).create();
    }

    private void pod(String name, String app, String phase, boolean ready) {
        client.pods().inNamespace("runplane").resource(new PodBuilder()
                .withNewMetadata().withName(name).addToLabels("app", app).endMetadata()
                .withNewSpec().addNewContainer().withName("agent").withImage("runplane/agent")
                    .addNewPort().withName("api").withContainerPort(7000).endPort().endContainer()
                .endSpec()
                .withNewStatus().withPhase(phase)
                    .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus().build()).create();
    }

    @Test
    void findsTheReadyPodBehindTheServiceAndItsTargetPort() {
        service(7000);
        pod("agent-starting", "runplane-agent", "Running", false);
        pod("agent-pending", "runplane-agent", "Pending", false);
        pod("other-ready", "other", "Running", true);
        pod("agent-ready", "runplane-agent", "Running", true);

        assertThat(connector.agentPod(fromKubeconfig)).isEqualTo(new KubeClusterConnector.AgentPod("agent-ready", 7000));
    }

    @Test
    void aNamedTargetPortIsTheContainerPortOfThatName() {
        service("api");
        pod("agent-0", "runplane-agent", "Running", true);

        assertThat(connector.agentPod(fromKubeconfig).port()).isEqualTo(7000);
    }

    @Test
    void noReadyPodIsAClearError() {
        service(50051);
        pod("agent-0", "runplane-agent", "Running", false);

        assertThatThrownBy(connector::connect).hasMessage("no ready pod behind Service runplane-agent in namespace"
                + " runplane of context lab (1 pod, none ready)");
    }

    @Test
    void aMissingServiceIsNamed() {
        assertThatThrownBy(connector::connect)
                .hasMessage("no Service runplane-agent in namespace runplane of context lab");
    }

    @Test
    void aServiceWithoutTheAgentPortIsNamed() throws Exception {
        service(50051);
        KubeClusterConnector otherPort = new KubeClusterConnector(new KubeTarget(Kubeconfigs.write(dir,
                client.getConfiguration().getMasterUrl()), "lab", "runplane", "runplane-agent", 7443), Optional.empty());

        assertThatThrownBy(() -> otherPort.agentPod(fromKubeconfig))
                .hasMessage("Service runplane-agent in namespace runplane of context lab has no port 7443");
    }
}
