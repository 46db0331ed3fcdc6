package io.runplane.console.submit;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.runplane.agent.AgentOptions;
import io.runplane.agent.EmbeddedAgent;
import io.runplane.api.BearerToken;
import io.runplane.api.v1.Asset;
import io.runplane.api.v1.AssetKind;
import io.runplane.api.v1.AssetScope;
import io.runplane.api.v1.AssetsGrpc;
import io.runplane.api.v1.DataSourceAsset;
import io.runplane.api.v1.PoliciesGrpc;
import io.runplane.api.v1.PvcSource;
import io.runplane.api.v1.ScopeKind;
import io.runplane.api.v1.PutPolicyRequest;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.console.FxClicks;
import io.runplane.console.FxSnapshots;
import io.runplane.console.FxWait;
import io.runplane.console.app.Background;
import io.runplane.console.app.Notifications;
import io.runplane.console.app.Styles;
import io.runplane.console.app.UiThread;
import io.runplane.console.client.GrpcRunplaneClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The new-workload form against a real embedded agent whose policies were put through the Policies
 * gRPC API: a department default and maximum, a project lock, an imposed asset.
 */
@ExtendWith(ApplicationExtension.class)
class SubmitPolicyIT {

    private static final String RESEARCH = """
            apiVersion: runplane.io/v1alpha1
            kind: TrainingPolicy
            metadata:
              name: research-gpus
              namespace: runplane-system
              labels:
                runplane.io/department: research
            spec:
              defaults:
                compute:
                  gpuDevicesRequest: 2
              rules:
                compute:
                  gpuDevicesRequest:
                    min: 1
                    max: 4
              imposedAssets:
                - imagenet
            """;

    private static final String VISION = """
            apiVersion: runplane.io/v1alpha1
            kind: TrainingPolicy
            metadata:
              name: vision-image
              namespace: runplane-vision
            spec:
              defaults:
                image: registry.example.com/vision/pytorch:2.4
              rules:
                image:
                  canEdit: false
            """;

    private static Path dataDir;
    private static EmbeddedAgent agent;
    private static GrpcRunplaneClient client;

    private Background background;
    private SubmitViewModel form;
    private final List<Workload> submitted = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startAgentWithPolicies() throws Exception {
        dataDir = Files.createTempDirectory("runplane-submit-policy");
        agent = EmbeddedAgent.start(dataDir.resolve("cluster"), 0, AgentOptions.timeScale(6));
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", agent.port()).usePlaintext().build();
        try {
            PoliciesGrpc.PoliciesBlockingStub policies = PoliciesGrpc.newBlockingStub(channel)
                    .withCallCredentials(new BearerToken(agent.localToken()));
            AssetsGrpc.newBlockingStub(channel).withCallCredentials(new BearerToken(agent.localToken()))
                    .createAsset(Asset.newBuilder().setKind(AssetKind.ASSET_KIND_DATA_SOURCE).setName("imagenet")
                            .setScope(AssetScope.newBuilder().setKind(ScopeKind.SCOPE_KIND_CLUSTER))
                            .setDataSource(DataSourceAsset.newBuilder().setMountPath("/data/imagenet")
                                    .setPvc(PvcSource.newBuilder().setClaimName("imagenet"))).build());
            policies.putPolicy(PutPolicyRequest.newBuilder().setManifest(RESEARCH).build());
            policies.putPolicy(PutPolicyRequest.newBuilder().setManifest(VISION).build());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        client = new GrpcRunplaneClient(NettyChannelBuilder.forAddress("127.0.0.1", agent.port()).usePlaintext().build(),
                new BearerToken(agent.localToken()));
    }

    @AfterAll
    static void stopAgent() {
        client.close();
        agent.close();
    }

    @Start
    void start(Stage stage) {
        UiThread ui = UiThread.fx();
        background = new Background(ui);
        form = new SubmitViewModel(client, background, new Notifications(ui));
        Scene scene = new Scene(new StackPane(), 400, 300);
        scene.getStylesheets().add(Styles.stylesheet());
        stage.setScene(scene);
        stage.show();
        SubmitView.open(form, stage, null, submitted::add);
    }

    @AfterEach
    void stop() {
        background.close();
    }

    private void openOnProject(FxRobot robot, String project) {
        FxWait.until("the form with its projects", 30, () -> robot.lookup("#submit-project").tryQuery()
                .map(n -> !((ComboBox<?>) n).getItems().isEmpty()).orElse(false));
        robot.interact(() -> robot.lookup("#submit-project").queryAs(ComboBox.class).getSelectionModel().select(project));
        FxWait.until("the policy of " + project, 30, () -> !form.policyLoadingProperty().get()
                && form.projectProperty().get().equals(project));
    }

    @Test
    void theFormFollowsThePolicyAndTheClusterAcceptsWhatItAllows(FxRobot robot) {
        openOnProject(robot, "vision");

        TextField gpus = robot.lookup("#submit-gpus").queryAs(TextField.class);
        assertThat(gpus.getText()).isEqualTo("2");
        assertThat(robot.lookup("#submit-gpus-hint").queryAs(Label.class).getText())
                .isEqualTo("default from department research · 1 to 4");
        TextField image = robot.lookup("#submit-image").queryAs(TextField.class);
        assertThat(image.getText()).isEqualTo("registry.example.com/vision/pytorch:2.4");
        assertThat(image.isDisabled()).isTrue();
        Label lock = robot.lookup("#submit-image-lock").queryAs(Label.class);
        assertThat(lock.isVisible()).isTrue();
        assertThat(lock.getTooltip().getText()).contains("project vision (vision-image)");
        assertThat(robot.lookup("#submit-imposed-assets").lookup(".asset-chip").queryAll())
                .extracting(n -> ((Label) n).getText()).containsExactly("imagenet");
        assertThat(robot.lookup("#submit-policy-status").queryAs(Label.class).getText())
                .isEqualTo("Policies in force: project vision (vision-image), department research (research-gpus)");

        FxClicks.click(robot, "#submit-name");
        robot.write("policy-train");
        FxClicks.click(robot, "#submit-gpus");
        robot.press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("8");
        WaitForAsyncUtils.waitForFxEvents();
        Label gpuError = robot.lookup("#submit-gpus-error").queryAs(Label.class);
        assertThat(gpus.getText()).isEqualTo("8");
        assertThat(gpuError.isVisible()).isTrue();
        assertThat(gpuError.getText()).isEqualTo("must be no greater than 4");
        assertThat(robot.lookup("#submit-create").query().isDisabled()).isTrue();
        snapshot(robot, "console-submit-policy.png");

        robot.press(KeyCode.BACK_SPACE).release(KeyCode.BACK_SPACE);
        robot.write("3");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(gpuError.isVisible()).isFalse();
        assertThat(robot.lookup("#submit-create").query().isDisabled()).isFalse();
        FxClicks.click(robot, "#submit-create");
        FxWait.until("the submission", 30, () -> !submitted.isEmpty());

        Workload stored = client.get(WorkloadRef.newBuilder().setProject("vision").setName("policy-train").build());
        assertThat(stored.getSpec().getCompute().getGpuDevices()).isEqualTo(3);
        assertThat(stored.getSpec().getImage()).isEqualTo("registry.example.com/vision/pytorch:2.4");
        assertThat(stored.getSpec().getAssets().getImposedList()).containsExactly("imagenet");
    }

    @Test
    void switchingToAProjectOnAnotherBranchDropsThePolicy(FxRobot robot) {
        openOnProject(robot, "vision");
        assertThat(robot.lookup("#submit-image").query().isDisabled()).isTrue();

        robot.interact(() -> robot.lookup("#submit-project").queryAs(ComboBox.class).getSelectionModel().select("serving"));
        FxWait.until("the policy of serving", 30, () -> !form.policyLoadingProperty().get()
                && form.policyStatusProperty().get().startsWith("No policy"));
        assertThat(robot.lookup("#submit-image").query().isDisabled()).isFalse();
        assertThat(robot.lookup("#submit-image-lock").query().isVisible()).isFalse();
        assertThat(robot.lookup("#submit-gpus").queryAs(TextField.class).getText()).isEqualTo("1");
        assertThat(robot.lookup("#submit-gpus-hint").query().isVisible()).isFalse();
        FxClicks.click(robot, "Cancel");
    }

    private void snapshot(FxRobot robot, String file) {
        Node dialog = robot.lookup(".submit-dialog").query();
        robot.interact(() -> {
            try {
                FxSnapshots.write(dialog, Path.of("target", "screenshots", file));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }
}
