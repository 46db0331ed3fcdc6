package io.runplane.console.workloads;

import static io.runplane.console.Workloads.deleted;
import static io.runplane.console.Workloads.snapshot;
import static io.runplane.console.Workloads.upserted;
import static io.runplane.console.Workloads.workload;
import static io.runplane.api.v1.WorkloadStatus.WORKLOAD_STATUS_COMPLETED;
import static io.runplane.api.v1.WorkloadStatus.WORKLOAD_STATUS_PENDING;
import static io.runplane.api.v1.WorkloadStatus.WORKLOAD_STATUS_RUNNING;
import static io.runplane.api.v1.WorkloadStatus.WORKLOAD_STATUS_STOPPED;
import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.api.v1.Workload;
import io.runplane.console.FakeRunplaneClient;
import io.runplane.console.app.Background;
import io.runplane.console.app.ConsoleSettings;
import io.runplane.console.app.Notifications;
import io.runplane.console.app.UiThread;
import io.runplane.console.client.ServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadsViewModelTest {

    @TempDir
    Path dir;

    private final FakeRunplaneClient client = new FakeRunplaneClient();
    private final UiThread ui = UiThread.callingThread();
    private final Background background = Background.inline(ui);
    private final Notifications notifications = new Notifications(ui);
    private WorkloadsViewModel viewModel;

    @BeforeEach
    void start() {
        viewModel = newViewModel();
        viewModel.start();
    }

    @AfterEach
    void close() {
        viewModel.close();
        background.close();
    }

    private WorkloadsViewModel newViewModel() {
        return new WorkloadsViewModel(client, background, notifications,
                new ConsoleSettings(dir.resolve("settings.properties"), background));
    }

    private void send(io.runplane.api.v1.WatchWorkloadsResponse message) {
        client.lastWatch().listener().onNext(message);
    }

    @Test
    void snapshotThenDeltasKeepTheRowsLive() {
        Workload a = workload("team-a", "alpha", WORKLOAD_STATUS_PENDING, 1, 1);
        Workload b = workload("team-a", "beta", WORKLOAD_STATUS_RUNNING, 2, 2);
        send(snapshot(2, a, b));
        assertThat(viewModel.rows()).extracting(WorkloadRow::key).containsExactly("team-a/alpha", "team-a/beta");
        assertThat(viewModel.feedStateProperty().get()).isEqualTo(WorkloadsViewModel.FeedState.LIVE);
        WorkloadRow alphaRow = viewModel.rows().getFirst();

        send(upserted(a.toBuilder().setStatus(WORKLOAD_STATUS_RUNNING).setRevision(3).build()));
        assertThat(viewModel.rows()).hasSize(2);
        assertThat(viewModel.rows().getFirst()).isSameAs(alphaRow);
        assertThat(alphaRow.workload().getStatus()).isEqualTo(WORKLOAD_STATUS_RUNNING);
        assertThat(viewModel.runningCountProperty().get()).isEqualTo(2);

        send(deleted(b, 4));
        assertThat(viewModel.rows()).extracting(WorkloadRow::key).containsExactly("team-a/alpha");
        assertThat(viewModel.revision()).isEqualTo(4);
    }

    @Test
    void anOlderRevisionDoesNotOverwriteANewerOne() {
        Workload a = workload("team-a", "alpha", WORKLOAD_STATUS_RUNNING, 1, 5);
        send(snapshot(5, a));
        send(upserted(a.toBuilder().setStatus(WORKLOAD_STATUS_PENDING).setRevision(4).build()));
        assertThat(viewModel.rows().getFirst().workload().getStatus()).isEqualTo(WORKLOAD_STATUS_RUNNING);
    }

    @Test
    void aNewSnapshotDropsRowsThatAreGone() {
        send(snapshot(1, workload("team-a", "alpha", WORKLOAD_STATUS_RUNNING, 1, 1),
                workload("team-a", "beta", WORKLOAD_STATUS_RUNNING, 1, 1)));
        send(snapshot(9, workload("team-a", "beta", WORKLOAD_STATUS_COMPLETED, 1, 9)));
        assertThat(viewModel.rows()).extracting(WorkloadRow::key).containsExactly("team-a/beta");
    }

    @Test
    void aBrokenStreamResumesFromTheLastRevision() throws InterruptedException {
        send(snapshot(7, workload("team-a", "alpha", WORKLOAD_STATUS_RUNNING, 1, 7)));
        client.lastWatch().listener().onError(new ServiceException("UNAVAILABLE", "gone"));
        assertThat(viewModel.feedStateProperty().get()).isEqualTo(WorkloadsViewModel.FeedState.RECONNECTING);
        long deadline = System.currentTimeMillis() + 5_000;
        while (client.watches.size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(client.calls).containsSubsequence("watch from 0", "watch from 7");
        assertThat(viewModel.rows()).hasSize(1);
    }

    @Test
    void searchAndFilterChipsNarrowTheVisibleRows() {
        send(snapshot(3, workload("team-a", "alpha", WORKLOAD_STATUS_RUNNING, 1, 1),
                workload("team-b", "beta", WORKLOAD_STATUS_PENDING, 4, 2),
                workload("team-b", "gamma-run", WORKLOAD_STATUS_RUNNING, 8, 3)));
        viewModel.searchProperty().set("TEAM-B");
        assertThat(viewModel.visibleRows()).extracting(WorkloadRow::key).containsExactly("team-b/beta", "team-b/gamma-run");

        viewModel.searchProperty().set("");
        viewModel.addFilter(new FilterCondition(WorkloadColumn.STATUS, FilterOperator.EQUALS, "running"));
        assertThat(viewModel.visibleRows()).extracting(WorkloadRow::key).containsExactly("team-a/alpha", "team-b/gamma-run");

        viewModel.addFilter(new FilterCondition(WorkloadColumn.GPU_REQUEST, FilterOperator.AT_LEAST, "2"));
        assertThat(viewModel.visibleRows()).extracting(WorkloadRow::key).containsExactly("team-b/gamma-run");

        viewModel.filters().clear();
        viewModel.addFilter(new FilterCondition(WorkloadColumn.NAME, FilterOperator.ENDS_WITH, "ta"));
        assertThat(viewModel.visibleRows()).extracting(WorkloadRow::key).containsExactly("team-b/beta");
        viewModel.filters().clear();
        viewModel.addFilter(new FilterCondition(WorkloadColumn.GPU_REQUEST, FilterOperator.AT_MOST, "4"));
        viewModel.addFilter(new FilterCondition(WorkloadColumn.PROJECT, FilterOperator.NOT_EQUALS, "team-a"));
        assertThat(viewModel.visibleRows()).extracting(WorkloadRow::key).containsExactly("team-b/beta");
    }

    @Test
    void rowsChangingStatusLeaveOrEnterAFilter() {
        Workload a = workload("team-a", "alpha", WORKLOAD_STATUS_PENDING, 1, 1);
        send(snapshot(1, a));
        viewModel.addFilter(new FilterCondition(WorkloadColumn.STATUS, FilterOperator.EQUALS, "Running"));
        assertThat(viewModel.visibleRows()).isEmpty();
        send(upserted(a.toBuilder().setStatus(WORKLOAD_STATUS_RUNNING).setRevision(2).build()));
        assertThat(viewModel.visibleRows()).hasSize(1);
    }

    @Test
    void actionsFollowTheSelectedWorkloadsStatus() {
        Workload a = workload("team-a", "alpha", WORKLOAD_STATUS_RUNNING, 1, 1);
        send(snapshot(1, a));
        assertThat(viewModel.canStopProperty().get()).isFalse();
        viewModel.selectedProperty().set(viewModel.rows().getFirst());
        assertThat(viewModel.canStopProperty().get()).isTrue();
        assertThat(viewModel.canResumeProperty().get()).isFalse();
        assertThat(viewModel.canDeleteProperty().get()).isTrue();

        viewModel.stopSelected();
        assertThat(client.calls).contains("stop team-a/alpha");

        send(upserted(a.toBuilder().setStatus(WORKLOAD_STATUS_STOPPED).setRevision(2).build()));
        assertThat(viewModel.selectedWorkloadProperty().get().getStatus()).isEqualTo(WORKLOAD_STATUS_STOPPED);
        assertThat(viewModel.canStopProperty().get()).isFalse();
        assertThat(viewModel.canResumeProperty().get()).isTrue();
        viewModel.resumeSelected();
        assertThat(client.calls).contains("resume team-a/alpha");

        viewModel.deleteSelected();
        assertThat(client.calls).contains("delete team-a/alpha");
        send(deleted(a, 3));
        assertThat(viewModel.selectedWorkloadProperty().get()).isNull();
        assertThat(viewModel.canDeleteProperty().get()).isFalse();
    }

    @Test
    void aFailedActionBecomesANoticeWithTheServersMessage() {
        send(snapshot(1, workload("team-a", "alpha", WORKLOAD_STATUS_RUNNING, 1, 1)));
        viewModel.selectedProperty().set(viewModel.rows().getFirst());
        client.failNext = new ServiceException("PERMISSION_DENIED", "alice may not stop workloads in team-a");
        viewModel.stopSelected();
        assertThat(notifications.notices()).anySatisfy(n -> {
            assertThat(n.level()).isEqualTo(Notifications.Level.ERROR);
            assertThat(n.message()).isEqualTo("alice may not stop workloads in team-a");
        });
    }

    @Test
    void aSubmittedWorkloadIsSelectedWhenTheWatchReportsIt() {
        Workload a = workload("team-a", "alpha", WORKLOAD_STATUS_PENDING, 1, 1);
        send(snapshot(0));
        viewModel.select(a);
        assertThat(viewModel.selectedWorkloadProperty().get()).isNull();
        send(upserted(a));
        assertThat(viewModel.selectedWorkloadProperty().get()).isEqualTo(a);
    }

    @Test
    void exportsTheGivenRowsAndColumnsAsCsv() throws Exception {
        send(snapshot(2, workload("team-a", "alpha", WORKLOAD_STATUS_RUNNING, 1, 1),
                workload("team-a", "beta, the second", WORKLOAD_STATUS_PENDING, 2, 2)));
        Path csv = dir.resolve("out.csv");
        viewModel.exportCsv(List.of(WorkloadColumn.NAME, WorkloadColumn.STATUS, WorkloadColumn.GPU_REQUEST),
                List.copyOf(viewModel.rows()).reversed(), csv);
        assertThat(Files.readAllLines(csv)).containsExactly(
                "Workload,Status,GPU compute request",
                "\"beta, the second\",Pending,2",
                "alpha,Running,1");
    }

    @Test
    void chosenColumnsAreRemembered() {
        assertThat(viewModel.visibleColumns()).contains(WorkloadColumn.STATUS).doesNotContain(WorkloadColumn.IMAGE);
        viewModel.setColumnVisible(WorkloadColumn.IMAGE, true);
        viewModel.setColumnVisible(WorkloadColumn.STATUS, false);
        viewModel.setColumnVisible(WorkloadColumn.NAME, false);

        WorkloadsViewModel reopened = newViewModel();
        assertThat(reopened.visibleColumns()).contains(WorkloadColumn.IMAGE, WorkloadColumn.NAME)
                .doesNotContain(WorkloadColumn.STATUS);
        reopened.close();
    }
}
