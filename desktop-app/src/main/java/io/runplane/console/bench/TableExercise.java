package io.runplane.console.bench;

import io.runplane.console.app.Background;
import io.runplane.console.workloads.WorkloadColumn;
import io.runplane.console.workloads.WorkloadRow;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * Uses the table as a person would, on the FX thread, while the feed runs: every 250 ms it either
 * scrolls to a random row or sorts by the next of several columns (ascending, then descending),
 * and times each action until the end of the layout pass of the pulse that follows it (the CSS
 * and layout it causes, as a click on a header or the scroll bar would), in elapsed and in the FX
 * thread's CPU time (which a busy machine inflates less). Watch batches that run between the
 * action and that pulse are counted in.
 */
final class TableExercise implements AutoCloseable {

    private static final List<WorkloadColumn> SORTED_BY = List.of(WorkloadColumn.STATUS, WorkloadColumn.NAME,
            WorkloadColumn.PROJECT, WorkloadColumn.GPU_REQUEST, WorkloadColumn.CREATED);

    private final TableView<WorkloadRow> table;
    private final Durations sorts = new Durations();
    private final Durations scrolls = new Durations();
    private final Durations sortsCpu = new Durations();
    private final Durations scrollsCpu = new Durations();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final SplittableRandom random = new SplittableRandom(7);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Background.namedDaemons("bench-table"));
    private int step;
    private Runnable measuring;

    TableExercise(TableView<WorkloadRow> table) {
        this.table = table;
    }

    void start() {
        timer.scheduleWithFixedDelay(() -> Platform.runLater(this::act), 250, 250, TimeUnit.MILLISECONDS);
    }

    Durations.Summary sorts() {
        return sorts.drain();
    }

    Durations.Summary scrolls() {
        return scrolls.drain();
    }

    Durations.Summary sortsCpu() {
        return sortsCpu.drain();
    }

    Durations.Summary scrollsCpu() {
        return scrollsCpu.drain();
    }

    private void act() {
        if (measuring != null) {
            return;
        }
        int n = step++;
        long start = System.nanoTime();
        long startCpu = threads.getCurrentThreadCpuTime();
        boolean scroll = n % 2 == 0;
        if (scroll) {
            table.scrollTo(random.nextInt(Math.max(1, table.getItems().size())));
        } else {
            int sort = n / 2;
            TableColumn<WorkloadRow, ?> column = column(SORTED_BY.get(sort % SORTED_BY.size()));
            column.setSortType(sort / SORTED_BY.size() % 2 == 0 ? TableColumn.SortType.ASCENDING : TableColumn.SortType.DESCENDING);
            table.getSortOrder().setAll(List.of(column));
        }
        Scene scene = table.getScene();
        measuring = () -> {
            scene.removePostLayoutPulseListener(measuring);
            measuring = null;
            (scroll ? scrolls : sorts).add(System.nanoTime() - start);
            (scroll ? scrollsCpu : sortsCpu).add(threads.getCurrentThreadCpuTime() - startCpu);
        };
        scene.addPostLayoutPulseListener(measuring);
        Platform.requestNextPulse();
    }

    private TableColumn<WorkloadRow, ?> column(WorkloadColumn which) {
        for (TableColumn<WorkloadRow, ?> column : table.getColumns()) {
            if (column.getUserData() == which) {
                return column;
            }
        }
        throw new IllegalStateException("the table has no column " + which);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
