package io.runplane.console.workloads;

import static io.runplane.console.Workloads.deleted;
import static io.runplane.console.Workloads.snapshot;
import static io.runplane.console.Workloads.upserted;
import static io.runplane.console.Workloads.workload;
import static io.runplane.api.v1.WorkloadStatus.WORKLOAD_STATUS_PENDING;
import static io.runplane.api.v1.WorkloadStatus.WORKLOAD_STATUS_RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.api.v1.WatchWorkloadsResponse;
import io.runplane.api.v1.Workload;
import io.runplane.console.FakeRunplaneClient;
import io.runplane.console.app.Background;
import io.runplane.console.app.ConsoleSettings;
import io.runplane.console.app.Notifications;
import io.runplane.console.app.UiThread;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watch messages that arrive between two pulses are applied together, as the FX thread sees them. */
class WorkloadsViewModelPulseTest {

    @TempDir
    Path dir;

    private final List<Runnable> posted = new ArrayList<>();
    private final UiThread ui = new UiThread() {
        @Override
        public void post(Runnable action) {
            posted.add(action);
        }

        @Override
        public boolean isCurrent() {
            return true;
        }
    };
    private final FakeRunplaneClient client = new FakeRunplaneClient();
    private final Background background = Background.inline(ui);
    private WorkloadsViewModel viewModel;

    @BeforeEach
    void start() {
        viewModel = new WorkloadsViewModel(client, background, new Notifications(ui),
                new ConsoleSettings(dir.resolve("settings.properties"), background));
        viewModel.start();
    }

    @AfterEach
    void close() {
        viewModel.close();
        background.close();
    }

    private void send(WatchWorkloadsResponse message) {
        client.lastWatch().listener().onNext(message);
    }

    private void pulse() {
        List<Runnable> now = List.copyOf(posted);
        posted.clear();
        now.forEach(Runnable::run);
    }

    private List<String> shown() {
        return viewModel.visibleRows().stream().map(WorkloadRow::key).toList();
    }

    @Test
    void onePulseAddsChangesAndRemovesEachRowOnce() {
        send(snapshot(3, workload("p", "a", WORKLOAD_STATUS_RUNNING, 1, 1), workload("p", "b", WORKLOAD_STATUS_RUNNING, 2, 2),
                workload("p", "c", WORKLOAD_STATUS_PENDING, 3, 3)));
        pulse();
        viewModel.sortBy(RowOrder.by(WorkloadColumn.GPU_REQUEST, false));
        List<String> changes = new ArrayList<>();
        viewModel.visibleRows().addListener((ListChangeListener<WorkloadRow>) c -> {
            while (c.next()) {
                changes.add(c.wasPermutated() ? "permutated" : c.wasUpdated() ? "updated"
                        : "removed " + c.getRemovedSize() + " added " + c.getAddedSize());
            }
        });

        Workload d = workload("p", "d", WORKLOAD_STATUS_PENDING, 4, 4);
        send(upserted(d));
        send(upserted(workload("p", "d", WORKLOAD_STATUS_RUNNING, 4, 5)));
        send(deleted(workload("p", "b", WORKLOAD_STATUS_RUNNING, 2, 2), 6));
        send(upserted(workload("p", "e", WORKLOAD_STATUS_PENDING, 1, 7)));
        send(deleted(workload("p", "e", WORKLOAD_STATUS_PENDING, 1, 7), 8));
        send(upserted(workload("p", "c", WORKLOAD_STATUS_RUNNING, 3, 9)));
        assertThat(posted).as("one post for the whole pulse").hasSize(1);
        pulse();

        assertThat(shown()).containsExactly("p/a", "p/c", "p/d");
        assertThat(viewModel.rows()).extracting(WorkloadRow::key).containsExactly("p/a", "p/c", "p/d");
        assertThat(viewModel.rows().get(2).workload().getStatus()).isEqualTo(WORKLOAD_STATUS_RUNNING);
        assertThat(viewModel.runningCountProperty().get()).isEqualTo(3);
        assertThat(viewModel.pendingCountProperty().get()).isZero();
        assertThat(changes).as("c changed in place: its cells follow its row, the list does not change")
                .containsExactly("removed 1 added 0", "removed 0 added 1");
    }

    @Test
    void aSelectedRowThatMovesStaysSelected() {
        send(snapshot(3, workload("p", "a", WORKLOAD_STATUS_RUNNING, 1, 1), workload("p", "b", WORKLOAD_STATUS_RUNNING, 2, 2),
                workload("p", "c", WORKLOAD_STATUS_RUNNING, 3, 3)));
        pulse();
        viewModel.sortBy(RowOrder.by(WorkloadColumn.GPU_REQUEST, false));
        WorkloadRow a = viewModel.visibleRows().getFirst();
        viewModel.selectedProperty().set(a);

        send(upserted(workload("p", "a", WORKLOAD_STATUS_PENDING, 8, 4)));
        pulse();

        assertThat(shown()).containsExactly("p/b", "p/c", "p/a");
        assertThat(viewModel.selectedProperty().get()).isSameAs(a);
        assertThat(viewModel.selectedWorkloadProperty().get().getStatus()).isEqualTo(WORKLOAD_STATUS_PENDING);
    }

    @Test
    void aLargeSnapshotReachesTheTableInPartsAcrossTasks() {
        int total = WorkloadsViewModel.ROWS_PER_TASK * 2 + 500;
        Workload[] fleet = new Workload[total];
        for (int i = 0; i < total; i++) {
            fleet[i] = workload("p", "w" + i, WORKLOAD_STATUS_RUNNING, total - i, i + 1);
        }
        send(snapshot(total, fleet));
        viewModel.sortBy(RowOrder.by(WorkloadColumn.GPU_REQUEST, false));
        pulse();
        assertThat(viewModel.visibleRows()).hasSize(WorkloadsViewModel.ROWS_PER_TASK);
        assertThat(viewModel.runningCountProperty().get()).as("counts cover every known workload").isEqualTo(total);
        assertThat(posted).as("the rest follows in a later task").hasSize(1);

        send(upserted(workload("p", "w" + (total - 1), WORKLOAD_STATUS_PENDING, total + 1, total + 1)));
        send(deleted(workload("p", "w" + (total - 2), WORKLOAD_STATUS_RUNNING, 2, total + 2), total + 2));
        pulse();
        pulse();
        assertThat(posted).isEmpty();

        assertThat(viewModel.visibleRows()).hasSize(total - 1).doesNotHaveDuplicates();
        assertThat(viewModel.rows()).hasSize(total - 1);
        assertThat(shown()).doesNotContain("p/w" + (total - 2)).endsWith("p/w" + (total - 1));
        List<Double> gpus = viewModel.visibleRows().stream().map(row -> row.workload().getRequested().getGpu()).toList();
        assertThat(gpus).isSorted();
        assertThat(viewModel.pendingCountProperty().get()).isEqualTo(1);
    }
}
