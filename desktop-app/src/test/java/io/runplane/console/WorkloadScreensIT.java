package io.runplane.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.agent.AgentOptions;
import io.runplane.agent.EmbeddedAgent;
import io.runplane.api.BearerToken;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.MetricType;
import io.runplane.api.v1.Tool;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;
import io.runplane.console.app.MainView;
import io.runplane.console.app.Notifications;
import io.runplane.console.client.GrpcRunplaneClient;
import io.runplane.console.metrics.MetricsViewModel;
import io.runplane.console.workloads.WorkloadColumn;
import io.runplane.console.workloads.WorkloadRow;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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
 * The workloads screen, its details and the overview against one real embedded agent (seeded
 * simulated cluster, fast clock), each test with its own console connected over gRPC.
 */
@ExtendWith(ApplicationExtension.class)
class WorkloadScreensIT {

    private static Path dataDir;
    private static EmbeddedAgent agent;
    private static GrpcRunplaneClient setup;

    private ConsoleUnderTest console;
    private MainView main;
    private Notifications notifications;
    private Scene scene;
    private final List<String> opened = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startAgent() throws Exception {
        dataDir = Files.createTempDirectory("runplane-console-screens");
        agent = EmbeddedAgent.start(dataDir.resolve("cluster"), 0, AgentOptions.timeScale(6));
        setup = new GrpcRunplaneClient(NettyChannelBuilder.forAddress("127.0.0.1", agent.port()).usePlaintext().build(),
                new BearerToken(agent.localToken()));
    }

    @AfterAll
    static void stopAgent() {
        setup.close();
        agent.close();
    }

    @Start
    void start(Stage stage) {
        console = ConsoleUnderTest.of(ConsoleUnderTest.adminOf(agent), "the test agent").settingsIn(dataDir)
                .openingUrlsWith(opened::add).showConnected(stage);
        main = console.main();
        notifications = console.notifications();
        scene = console.scene();
    }

    @AfterEach
    void stop(FxRobot robot) {
        console.close(robot);
    }

    // --- helpers -----------------------------------------------------------------------------------

    private void awaitTable() {
        FxWait.until("the workloads table", 60, () -> main.workloads() != null && main.workloads().rows().size() >= 5);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Optional<Workload> workload(String name) {
        return main.workloads().rows().stream().map(WorkloadRow::workload)
                .filter(w -> w.getSpec().getName().equals(name)).findFirst();
    }

    private boolean hasStatus(String name, WorkloadStatus status) {
        return workload(name).map(w -> w.getStatus() == status).orElse(false);
    }

    @SuppressWarnings("unchecked")
    private void clickRow(FxRobot robot, String name) {
        FxWait.until("the row of " + name, 30, () -> robot.lookup(".table-row-cell").queryAll().stream()
                .anyMatch(n -> ((TableRow<WorkloadRow>) n).getItem() != null
                        && ((TableRow<WorkloadRow>) n).getItem().workload().getSpec().getName().equals(name)));
        Node row = robot.lookup(".table-row-cell").queryAll().stream()
                .filter(n -> ((TableRow<WorkloadRow>) n).getItem() != null
                        && ((TableRow<WorkloadRow>) n).getItem().workload().getSpec().getName().equals(name))
                .findFirst().orElseThrow();
        for (int attempt = 1; ; attempt++) {
            Node current = robot.lookup(".table-row-cell").queryAll().stream()
                    .filter(n -> ((TableRow<WorkloadRow>) n).getItem() != null
                            && ((TableRow<WorkloadRow>) n).getItem().workload().getSpec().getName().equals(name))
                    .findFirst().orElse(row);
            FxClicks.click(robot, current);
            try {
                WaitForAsyncUtils.waitFor(3, TimeUnit.SECONDS, () -> main.workloads().selectedWorkloadProperty().get() != null
                        && main.workloads().selectedWorkloadProperty().get().getSpec().getName().equals(name));
                return;
            } catch (TimeoutException e) {
                if (attempt == 4) {
                    throw new AssertionError(name + " was not selected (the rows moved while clicking)", e);
                }
            }
        }
    }

    private static Workload submitDirectly(String project, String name, WorkloadType type) {
        WorkloadSpec.Builder spec = WorkloadSpec.newBuilder().setProject(project).setName(name).setType(type)
                .setImage("jupyter/base-notebook:latest")
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(1));
        if (type == WorkloadType.WORKLOAD_TYPE_INTERACTIVE) {
            spec.addTools(Tool.newBuilder().setName("jupyter").setKind("jupyter").setContainerPort(8888));
        }
        return setup.submit(spec.build(), false).getWorkload();
    }

    private void snapshot(FxRobot robot, Node node, String file) {
        robot.interact(() -> {
            try {
                FxSnapshots.write(node, Path.of("target", "screenshots", file));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    // --- tests -------------------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void stopRunConnectCopyAndDeleteFollowTheStatus(FxRobot robot) {
        awaitTable();
        submitDirectly("vision", "ws-actions", WorkloadType.WORKLOAD_TYPE_INTERACTIVE);
        FxWait.until("ws-actions to run", 60, () -> hasStatus("ws-actions", WorkloadStatus.WORKLOAD_STATUS_RUNNING));
        clickRow(robot, "ws-actions");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#run-workload").query().isDisabled()).isTrue();
        assertThat(robot.lookup("#stop-workload").query().isDisabled()).isFalse();

        FxClicks.click(robot, "#connect-workload");
        FxWait.until("the tool's URL to open", 10, () -> !opened.isEmpty());
        assertThat(opened.getFirst()).isNotBlank();

        robot.interact(() -> main.workloads().setColumnVisible(WorkloadColumn.CONNECTIONS, true));
        WaitForAsyncUtils.waitForFxEvents();
        Node wsRow = robot.lookup(".table-row-cell").queryAll().stream()
                .filter(n -> ((TableRow<WorkloadRow>) n).getItem() != null
                        && ((TableRow<WorkloadRow>) n).getItem().workload().getSpec().getName().equals("ws-actions"))
                .findFirst().orElseThrow();
        robot.interact(() -> main.workloadsView().table().scrollToColumn(main.workloadsView().table().getColumns().stream()
                .filter(c -> c.getUserData() == WorkloadColumn.CONNECTIONS).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        FxClicks.click(robot, robot.from(wsRow).lookup(".hyperlink").queryAll().stream()
                .map(n -> (javafx.scene.control.Hyperlink) n).filter(l -> l.getText().equals("1")
                        && l.getParent() != null && ((javafx.scene.control.TableCell<?, ?>) l.getParent()).getTableColumn().getUserData()
                        == WorkloadColumn.CONNECTIONS).findFirst().orElseThrow());
        FxWait.until("the connections pop-up", 10, () -> robot.lookup("#connection-connect-0").tryQuery().isPresent());
        FxClicks.click(robot, "#connection-connect-0");
        FxWait.until("the second open", 10, () -> opened.size() == 2);
        assertThat(opened.get(1)).isEqualTo(opened.getFirst());
        robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);
        robot.interact(() -> main.workloads().setColumnVisible(WorkloadColumn.CONNECTIONS, false));

        FxClicks.click(robot, "#stop-workload");
        FxWait.until("ws-actions to stop", 30, () -> hasStatus("ws-actions", WorkloadStatus.WORKLOAD_STATUS_STOPPED));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#stop-workload").query().isDisabled()).isTrue();
        assertThat(robot.lookup("#run-workload").query().isDisabled()).isFalse();

        FxClicks.click(robot, "#run-workload");
        FxWait.until("ws-actions to run again", 60, () -> hasStatus("ws-actions", WorkloadStatus.WORKLOAD_STATUS_RUNNING));

        FxClicks.click(robot, "#copy-workload");
        awaitForm(robot);
        TextField name = robot.lookup("#submit-name").queryAs(TextField.class);
        assertThat(name.getText()).isEqualTo("ws-actions-copy");
        assertThat(robot.lookup("#submit-image").queryAs(TextField.class).getText()).isEqualTo("jupyter/base-notebook:latest");
        assertThat(robot.lookup("#submit-port").queryAs(TextField.class).getText()).isEqualTo("8888");
        FxClicks.click(robot, "#submit-create");
        FxWait.until("the copy", 30, () -> workload("ws-actions-copy").isPresent());
        assertThat(workload("ws-actions-copy").orElseThrow().getSpec().getType()).isEqualTo(WorkloadType.WORKLOAD_TYPE_INTERACTIVE);

        clickRow(robot, "ws-actions");
        FxClicks.click(robot, "#delete-workload");
        FxWait.until("the confirmation", 10, () -> robot.lookup("#confirm-delete").tryQuery().isPresent());
        FxClicks.click(robot, "#confirm-delete");
        FxWait.until("ws-actions to disappear", 30, () -> workload("ws-actions").isEmpty());
        assertThat(notifications.notices()).anySatisfy(n -> assertThat(n.title()).isEqualTo("Deleted ws-actions"));
    }

    @Test
    void theServersRefusalIsShownOnTheForm(FxRobot robot) {
        awaitTable();
        FxClicks.click(robot, "#new-workload");
        awaitForm(robot);
        robot.interact(() -> robot.lookup("#submit-project").queryAs(ComboBox.class).getSelectionModel().select("nlp"));
        FxClicks.click(robot, "#submit-name");
        robot.write("llama-pretrain");
        FxClicks.click(robot, "#submit-image");
        robot.write("nvcr.io/nvidia/pytorch:24.05");
        FxClicks.click(robot, "#submit-create");
        Label serverError = robot.lookup("#submit-server-error").queryAs(Label.class);
        FxWait.until("the server's answer", 20, () -> serverError.isVisible());
        assertThat(serverError.getText()).contains("llama-pretrain");
        assertThat(robot.lookup("#submit-name-error").queryAs(Label.class).getText()).isNotBlank();
        snapshot(robot, robot.lookup(".submit-dialog").query(), "console-submit-error.png");

        robot.interact(() -> robot.lookup("#submit-name").queryAs(TextField.class).setText("too-wide"));
        robot.interact(() -> robot.lookup("#submit-gpus").queryAs(TextField.class).setText("9"));
        FxClicks.click(robot, "#submit-create");
        Label gpuError = robot.lookup("#submit-gpus-error").queryAs(Label.class);
        FxWait.until("the server's GPU limit", 20, () -> gpuError.isVisible() && !gpuError.getText().isBlank());
        assertThat(gpuError.getText()).contains("no greater than 8");
        assertThat(robot.lookup("#submit-name-error").queryAs(Label.class).isVisible()).isFalse();
        assertThat(workload("too-wide")).isEmpty();
        FxClicks.click(robot, "Cancel");
    }

    /** Waits until the form's window is showing with its projects loaded. */
    private static void awaitForm(FxRobot robot) {
        FxWait.until("the form", 20, () -> robot.lookup("#submit-create").tryQuery()
                .map(n -> n.isVisible() && n.getScene() != null && n.getScene().getWindow() != null
                        && n.getScene().getWindow().isShowing())
                .orElse(false)
                && !((ComboBox<?>) robot.lookup("#submit-project").query()).getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void submitThroughTheForm(FxRobot robot, String typeButton, String name, java.util.Map<String, String> fields) {
        FxClicks.click(robot, "#new-workload");
        awaitForm(robot);
        FxClicks.click(robot, typeButton);
        robot.interact(() -> {
            robot.lookup("#submit-project").queryAs(ComboBox.class).getSelectionModel().select("vision");
            robot.lookup("#submit-name").queryAs(TextField.class).setText(name);
            robot.lookup("#submit-image").queryAs(TextField.class).setText("registry.example.com/team/app:1.0");
            fields.forEach((id, value) -> robot.lookup(id).queryAs(TextField.class).setText(value));
        });
        FxClicks.click(robot, "#submit-create");
        FxWait.until("the dialog to close after submitting " + name, 20, () -> robot.lookup("#submit-create").tryQuery().isEmpty());
        FxWait.until(name + " in the table", 30, () -> workload(name).isPresent());
    }

    @Test
    void submitsWorkspaceDistributedAndInferenceThroughTheForm(FxRobot robot) {
        awaitTable();
        submitThroughTheForm(robot, "#type-workspace", "form-ws", java.util.Map.of("#submit-gpus", "0",
                "#submit-gpu-portion", "0.5", "#submit-port", "8888"));
        submitThroughTheForm(robot, "#type-distributed", "form-dist", java.util.Map.of("#submit-gpus", "1",
                "#submit-workers", "2"));
        submitThroughTheForm(robot, "#type-inference", "form-serve", java.util.Map.of("#submit-gpus", "1",
                "#submit-min-replicas", "1", "#submit-max-replicas", "2", "#submit-port", "8000"));

        Workload ws = workload("form-ws").orElseThrow();
        assertThat(ws.getSpec().getType()).isEqualTo(WorkloadType.WORKLOAD_TYPE_INTERACTIVE);
        assertThat(ws.getSpec().getCompute().getGpuPortion()).isEqualTo(0.5);
        assertThat(ws.getSpec().getTools(0).getContainerPort()).isEqualTo(8888);
        Workload dist = workload("form-dist").orElseThrow();
        assertThat(dist.getSpec().getType()).isEqualTo(WorkloadType.WORKLOAD_TYPE_DISTRIBUTED);
        assertThat(dist.getSpec().getDistributed().getWorkers()).isEqualTo(2);
        Workload serve = workload("form-serve").orElseThrow();
        assertThat(serve.getSpec().getType()).isEqualTo(WorkloadType.WORKLOAD_TYPE_INFERENCE);
        assertThat(serve.getSpec().getInference().getMaxReplicas()).isEqualTo(2);
        FxWait.until("the three to run", 90, () -> hasStatus("form-ws", WorkloadStatus.WORKLOAD_STATUS_RUNNING)
                && hasStatus("form-dist", WorkloadStatus.WORKLOAD_STATUS_RUNNING)
                && hasStatus("form-serve", WorkloadStatus.WORKLOAD_STATUS_RUNNING));
        for (String name : List.of("form-ws", "form-dist", "form-serve")) {
            setup.delete(io.runplane.api.v1.WorkloadRef.newBuilder().setProject("vision").setName(name).build());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void searchFiltersColumnsAndCsv(FxRobot robot) throws Exception {
        awaitTable();
        TableView<WorkloadRow> table = main.workloadsView().table();
        FxClicks.click(robot, "#workloads-table");
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.F)
                .release(javafx.scene.input.KeyCode.F, javafx.scene.input.KeyCode.CONTROL);
        FxWait.until("Ctrl+F to focus the search", 10, () -> robot.lookup("#workload-search").query().isFocused());
        robot.write("llama");
        FxWait.until("the search", 10, () -> table.getItems().size() == 1);
        assertThat(table.getItems().getFirst().workload().getSpec().getName()).isEqualTo("llama-pretrain");
        robot.interact(() -> robot.lookup("#workload-search").queryAs(TextField.class).clear());

        FxClicks.click(robot, "#add-filter");
        FxWait.until("the filter builder", 10, () -> robot.lookup("#filter-value").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#filter-column").queryAs(ComboBox.class).setValue(WorkloadColumn.PROJECT));
        FxClicks.click(robot, "#filter-value");
        robot.write("nlp");
        FxClicks.click(robot, "#filter-apply");
        FxWait.until("the chip", 10, () -> robot.lookup(".chip").tryQuery().isPresent());
        assertThat(robot.lookup(".chip .label").queryAs(Label.class).getText()).isEqualTo("Project == nlp");
        assertThat(table.getItems()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.workload().getSpec().getProject()).isEqualTo("nlp"));
        int nlp = table.getItems().size();
        assertThat(nlp).isLessThan(main.workloads().rows().size());

        FxClicks.click(robot, "#column-chooser");
        FxClicks.click(robot, "Image");
        FxWait.until("the Image column", 10, () -> table.getVisibleLeafColumns().stream().anyMatch(c -> c.getText().equals("Image")));
        assertThat(Files.readString(dataDir.resolve("console-settings.properties"))).contains("IMAGE");

        Path csv = dataDir.resolve("visible.csv");
        robot.interact(() -> main.workloadsView().exportCsv(csv));
        FxWait.until("the CSV", 10, () -> Files.exists(csv) && notifications.notices().stream().anyMatch(n -> n.title().startsWith("Exported")));
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(nlp + 1);
        assertThat(lines.getFirst()).startsWith("Workload,").contains("Image").doesNotContain("Completion time");
        List<String> header = List.of(lines.getFirst().split(","));
        for (int i = 0; i < nlp; i++) {
            Workload shown = table.getItems().get(i).workload();
            List<String> fields = List.of(lines.get(i + 1).split(",", -1));
            assertThat(fields).as("CSV line " + (i + 1)).hasSameSizeAs(header);
            assertThat(fields.getFirst()).isEqualTo(shown.getSpec().getName());
            assertThat(fields.get(header.indexOf("Project"))).isEqualTo("nlp");
            assertThat(fields.get(header.indexOf("Image"))).isEqualTo(shown.getSpec().getImage());
        }

        FxClicks.click(robot, ".chip-remove");
        FxWait.until("all rows back", 10, () -> table.getItems().size() == main.workloads().rows().size());
        FxClicks.click(robot, "#column-chooser");
        FxClicks.click(robot, "Image");
    }

    @Test
    @SuppressWarnings("unchecked")
    void detailsShowEventsMetricsAndLogsOfTheSelectedWorkload(FxRobot robot) {
        awaitTable();
        clickRow(robot, "llama-pretrain");

        ListView<String> logs = robot.lookup("#logs-list").queryAs(ListView.class);
        FxWait.until("llama-pretrain's logs", 30, () -> !logs.getItems().isEmpty());
        ComboBox<String> pods = robot.lookup("#logs-pod").queryAs(ComboBox.class);
        assertThat(pods.getItems()).hasSizeGreaterThan(2);
        String pod = pods.getItems().get(1);
        robot.interact(() -> pods.setValue(pod));
        FxWait.until("the logs of " + pod, 30, () -> !logs.getItems().isEmpty()
                && logs.getItems().stream().noneMatch(l -> l.startsWith("[llama-pretrain-"))
                && logs.getItems().stream().anyMatch(l -> l.contains("loss")));
        FxClicks.click(robot, "#logs-search");
        robot.write("loss");
        FxWait.until("highlighted matches", 10, () -> robot.lookup(".log-match").tryQuery().isPresent());
        assertThat(robot.lookup("#logs-matches").queryAs(Label.class).getText()).endsWith("matching lines");
        snapshot(robot, scene.getRoot(), "console-logs.png");

        FxClicks.click(robot, "#logs-timestamps");
        FxWait.until("timestamped lines", 30, () -> !logs.getItems().isEmpty()
                && logs.getItems().getLast().matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} .*"));
        FxClicks.click(robot, "#logs-timestamps");

        FxClicks.click(robot, "#tab-events");
        TableView<?> events = robot.lookup("#events-table").queryAs(TableView.class);
        FxWait.until("llama-pretrain's events", 30, () -> !events.getItems().isEmpty());
        int all = events.getItems().size();
        FxClicks.click(robot, "#events-search");
        robot.write("zzz-no-such-event");
        FxWait.until("the events filter", 10, () -> events.getItems().isEmpty());
        robot.interact(() -> robot.lookup("#events-search").queryAs(TextField.class).clear());
        FxWait.until("events back", 10, () -> events.getItems().size() >= all);

        FxClicks.click(robot, "#tab-metrics");
        LineChart<Number, Number> gpu = robot.lookup("#chart-" + MetricType.METRIC_TYPE_GPU_UTILIZATION.name()).queryAs(LineChart.class);
        FxWait.until("GPU utilization lines", 30, () -> gpu.getData().size() >= 2
                && gpu.getData().stream().anyMatch(s -> !s.getData().isEmpty()));
        assertThat(gpu.getData()).anySatisfy(s -> assertThat(s.getName()).isEqualTo("Average"));
        LineChart<Number, Number> memory = robot.lookup("#chart-" + MetricType.METRIC_TYPE_CPU_MEMORY_USAGE.name()).queryAs(LineChart.class);
        FxWait.until("CPU memory lines", 30, () -> !memory.getData().isEmpty());
        int lines = gpu.getData().size();
        CheckBox average = robot.lookup("#metrics-legend .check-box").queryAll().stream().map(n -> (CheckBox) n)
                .filter(c -> c.getText().equals("Average")).findFirst().orElseThrow();
        FxClicks.click(robot, average);
        FxWait.until("the average hidden", 10, () -> gpu.getData().size() == lines - 1
                && gpu.getData().stream().noneMatch(s -> s.getName().equals("Average")));
        snapshot(robot, scene.getRoot(), "console-metrics.png");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNewMetricsRangeReloadsEveryChartAndLogsFollowAndDownload(FxRobot robot) throws Exception {
        awaitTable();
        // seeded as created 90 minutes before the agent started: the last 15 minutes show a quarter hour,
        // the last 24 hours everything since it was created
        clickRow(robot, "bert-finetune-squad");
        FxClicks.click(robot, "#tab-metrics");
        LineChart<Number, Number> gpu = robot.lookup("#chart-" + MetricType.METRIC_TYPE_GPU_UTILIZATION.name()).queryAs(LineChart.class);
        LineChart<Number, Number> cpu = robot.lookup("#chart-" + MetricType.METRIC_TYPE_CPU_USAGE.name()).queryAs(LineChart.class);
        FxWait.until("the last 15 minutes", 30, () -> Math.abs(span(gpu) - Duration.ofMinutes(15).toMillis()) < 5_000);
        FxClicks.click(robot, "#metrics-range");
        FxClicks.click(robot, MetricsViewModel.Range.LAST_24_HOURS.toString());
        FxWait.until("every chart since the workload was created", 30, () -> List.of(gpu, cpu).stream()
                .allMatch(c -> span(c) >= Duration.ofMinutes(90).toMillis() && span(c) < Duration.ofMinutes(120).toMillis()));

        // a custom range of the last 10 minutes up to the second, entered in the local zone: first one ending in the future
        FxClicks.click(robot, "#metrics-custom");
        FxWait.until("the custom range dialog", 20, () -> robot.lookup("#metrics-custom-apply").tryQuery().isPresent());
        java.time.LocalDateTime now = java.time.LocalDateTime.now().withNano(0);
        enterEnd(robot, "#metrics-custom-from", now.minusMinutes(10));
        enterEnd(robot, "#metrics-custom-to", now.plusHours(1));
        FxClicks.click(robot, "#metrics-custom-apply");
        Label toError = robot.lookup("#metrics-custom-to-error").queryAs(Label.class);
        FxWait.until("the future refused on the end", 10, toError::isVisible);
        assertThat(toError.getText()).startsWith("Must not be in the future");
        snapshot(robot, toError.getScene().getRoot(), "console-metrics-custom-range.png");
        enterEnd(robot, "#metrics-custom-to", now);
        FxClicks.click(robot, "#metrics-custom-apply");
        FxWait.until("the dialog to close", 10, () -> robot.lookup("#metrics-custom-apply").tryQuery().isEmpty());
        long customEnd = now.atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();
        FxWait.until("every chart over the custom range", 30, () -> List.of(gpu, cpu).stream()
                .allMatch(c -> span(c) == Duration.ofMinutes(10).toMillis()
                        && upper(c) == customEnd));
        assertThat(robot.lookup("#metrics-custom-span").queryAs(Label.class).isVisible()).isTrue();
        snapshot(robot, scene.getRoot(), "console-metrics-custom.png");
        robot.interact(() -> robot.lookup("#metrics-range").queryAs(ComboBox.class).setValue(MetricsViewModel.Range.LAST_15_MINUTES));
        FxWait.until("the last 15 minutes again", 30, () -> Math.abs(span(gpu) - Duration.ofMinutes(15).toMillis()) < 5_000);

        clickRow(robot, "llama-pretrain");
        FxClicks.click(robot, "#tab-logs");
        ListView<String> logs = robot.lookup("#logs-list").queryAs(ListView.class);
        Label status = robot.lookup("#logs-status").queryAs(Label.class);
        FxWait.until("llama-pretrain's logs followed", 30, () -> logs.getItems().size() >= 2
                && status.getText().equals("Following llama-pretrain"));
        int followed = logs.getItems().size();
        FxWait.until("new lines while following", 30, () -> logs.getItems().size() > followed);

        FxClicks.click(robot, "#logs-follow");
        FxWait.until("the logs read once, not followed", 30, () -> status.getText().matches("\\d+ lines"));
        int read = logs.getItems().size();
        WaitForAsyncUtils.sleep(2, TimeUnit.SECONDS);
        assertThat(logs.getItems()).as("no lines arrive when not following").hasSize(read);

        Path file = dataDir.resolve("llama-pretrain.log");
        List<String> shown = List.copyOf(logs.getItems());
        robot.interact(() -> main.logs().download(file));
        FxWait.until("the log file", 10, () -> notifications.notices().stream()
                .anyMatch(n -> n.title().equals("Saved " + shown.size() + " log lines")));
        assertThat(Files.readAllLines(file)).isEqualTo(shown);
        FxClicks.click(robot, "#logs-follow");
        FxWait.until("following again", 30, () -> status.getText().equals("Following llama-pretrain"));
    }

    private static void enterEnd(FxRobot robot, String id, java.time.LocalDateTime at) {
        robot.interact(() -> {
            robot.lookup(id + "-date").queryAs(javafx.scene.control.DatePicker.class).setValue(at.toLocalDate());
            robot.lookup(id + "-time").queryAs(TextField.class).setText(at.toLocalTime().withNano(0).toString());
        });
    }

    private static long upper(LineChart<Number, Number> chart) {
        return (long) ((javafx.scene.chart.NumberAxis) chart.getXAxis()).getUpperBound();
    }

    private static double span(LineChart<Number, Number> chart) {
        javafx.scene.chart.NumberAxis x = (javafx.scene.chart.NumberAxis) chart.getXAxis();
        return x.getUpperBound() - x.getLowerBound();
    }

    @Test
    @SuppressWarnings("unchecked")
    void overviewShowsAllocationAndProjectsAgainstQuota(FxRobot robot) {
        awaitTable();
        setup.submit(WorkloadSpec.newBuilder().setProject("nlp").setName("too-big").setType(WorkloadType.WORKLOAD_TYPE_DISTRIBUTED)
                .setImage("nvcr.io/nvidia/pytorch:24.05").setCompute(ComputeRequest.newBuilder().setGpuDevices(8))
                .setDistributed(io.runplane.api.v1.DistributedOptions.newBuilder().setWorkers(6)).build(), false);
        FxWait.until("too-big to wait for GPUs", 60, () -> hasStatus("too-big", WorkloadStatus.WORKLOAD_STATUS_PENDING));
        clickRow(robot, "llama-pretrain");
        Node llamaRow = robot.lookup(".table-row-cell").queryAll().stream()
                .filter(n -> ((TableRow<WorkloadRow>) n).getItem() != null
                        && ((TableRow<WorkloadRow>) n).getItem().workload().getSpec().getName().equals("llama-pretrain"))
                .findFirst().orElseThrow();
        FxClicks.click(robot, robot.from(llamaRow).lookup(".hyperlink").queryAs(javafx.scene.control.Hyperlink.class));
        FxWait.until("the pods pop-up", 10, () -> robot.lookup("#pods-table").tryQuery().isPresent());
        TableView<?> podsTable = robot.lookup("#pods-table").queryAs(TableView.class);
        assertThat(podsTable.getItems()).hasSize(3);
        robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);
        FxWait.until("the pop-up to close", 10, () -> robot.lookup("#pods-table").tryQuery().isEmpty());
        snapshot(robot, scene.getRoot(), "console-workloads.png");
        FxClicks.click(robot, "#nav-overview");
        Label gpus = robot.lookup("#overview-gpus").queryAs(Label.class);
        FxWait.until("the overview", 20, () -> gpus.getText().matches("[0-9.]+ / [1-9][0-9]*"));
        TableView<?> projects = robot.lookup("#overview-projects").queryAs(TableView.class);
        FxWait.until("projects", 20, () -> projects.getItems().size() >= 3);
        Label running = robot.lookup("#overview-running").queryAs(Label.class);
        FxWait.until("running workloads counted", 20, () -> !running.getText().equals("0"));
        ListView<Workload> pending = robot.lookup("#overview-pending-list").queryAs(ListView.class);
        FxWait.until("the pending list", 10, () -> pending.getItems().stream().anyMatch(w -> w.getSpec().getName().equals("too-big")));
        FxWait.until("node pools", 20, () -> !robot.lookup("#overview-pools").queryAs(javafx.scene.layout.VBox.class).getChildren().isEmpty());
        javafx.scene.chart.LineChart<Number, Number> gpuHistory = robot.lookup("#overview-history-gpus").queryAs(javafx.scene.chart.LineChart.class);
        javafx.scene.chart.LineChart<Number, Number> utilization = robot.lookup("#overview-history-utilization")
                .queryAs(javafx.scene.chart.LineChart.class);
        FxWait.until("GPUs over time", 60, () -> gpuHistory.getData().size() == 2 && gpuHistory.getData().getFirst().getData().size() >= 3
                && gpuHistory.getData().getFirst().getData().stream().anyMatch(d -> d.getYValue().doubleValue() > 0)
                && utilization.getData().getFirst().getData().stream().anyMatch(d -> d.getYValue().doubleValue() > 0));
        snapshot(robot, scene.getRoot(), "console-overview.png");
        setup.delete(io.runplane.api.v1.WorkloadRef.newBuilder().setProject("nlp").setName("too-big").build());
        FxClicks.click(robot, "#nav-workloads");
        assertThat(robot.lookup("#workloads-table").tryQuery()).isPresent();
    }
}
