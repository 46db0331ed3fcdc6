package io.runplane.console.workloads;

import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.api.v1.WorkloadStatus;
import io.runplane.console.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class ShownRowsTest {

    private final ShownRows shown = new ShownRows();
    private final List<String> events = new ArrayList<>();
    private final RowOrder byGpus = RowOrder.by(WorkloadColumn.GPU_REQUEST, false);

    ShownRowsTest() {
        shown.addListener((ListChangeListener<WorkloadRow>) change -> {
            while (change.next()) {
                if (change.wasPermutated()) {
                    events.add("permutated " + change.getFrom() + ".." + change.getTo());
                } else if (change.wasUpdated()) {
                    events.add("updated " + change.getFrom());
                } else {
                    events.add("removed " + change.getRemovedSize() + " added " + change.getAddedSize() + " at " + change.getFrom());
                }
            }
        });
    }

    private static WorkloadRow row(String name, int gpus) {
        return new WorkloadRow(Workloads.workload("team", name, WorkloadStatus.WORKLOAD_STATUS_RUNNING, gpus, 1));
    }

    private List<String> names() {
        return shown.stream().map(r -> r.workload().getSpec().getName()).toList();
    }

    @Test
    void keepsTheOrderAsRowsArriveAndChange() {
        WorkloadRow a = row("a", 1);
        WorkloadRow b = row("b", 4);
        WorkloadRow c = row("c", 2);
        shown.order(byGpus);
        shown.show(List.of(a, b, c));
        assertThat(names()).containsExactly("a", "c", "b");

        shown.show(List.of(row("d", 3)));
        assertThat(names()).containsExactly("a", "c", "d", "b");

        events.clear();
        a.update(Workloads.workload("team", "a", WorkloadStatus.WORKLOAD_STATUS_RUNNING, 8, 2));
        shown.changed(List.of(a), null);
        assertThat(names()).containsExactly("c", "d", "b", "a");
        assertThat(events).as("an unselected row is taken out and put back").containsExactly(
                "removed 1 added 0 at 0", "removed 0 added 1 at 3");

        events.clear();
        b.update(Workloads.workload("team", "b", WorkloadStatus.WORKLOAD_STATUS_PENDING, 4, 2));
        shown.changed(List.of(b), null);
        assertThat(names()).containsExactly("c", "d", "b", "a");
        assertThat(events).as("a row in place: its cells follow its workload").isEmpty();
        assertThat(shown.get(2).workload().getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_PENDING);

        events.clear();
        a.update(Workloads.workload("team", "a", WorkloadStatus.WORKLOAD_STATUS_RUNNING, 3, 3));
        shown.changed(List.of(a), a);
        assertThat(names()).containsExactly("c", "d", "a", "b");
        assertThat(events).as("the selected row moves by a permutation").containsExactly("permutated 2..4");
    }

    @Test
    void rowsChangedInOnePulseMakeOneChangeOfTheList() {
        WorkloadRow a = row("a", 1);
        WorkloadRow b = row("b", 2);
        WorkloadRow c = row("c", 3);
        shown.order(byGpus);
        shown.show(List.of(a, b, c));
        List<Integer> notifications = new ArrayList<>();
        shown.addListener((ListChangeListener<WorkloadRow>) change -> notifications.add(1));
        a.update(Workloads.workload("team", "a", WorkloadStatus.WORKLOAD_STATUS_RUNNING, 9, 2));
        c.update(Workloads.workload("team", "c", WorkloadStatus.WORKLOAD_STATUS_RUNNING, 0, 2));
        shown.changed(List.of(a, c), null);
        assertThat(names()).containsExactly("c", "b", "a");
        assertThat(notifications).hasSize(1);
    }

    @Test
    void aMovedRowKeepsItsIdentitySoASelectionFollowsIt() {
        WorkloadRow a = row("a", 1);
        WorkloadRow b = row("b", 2);
        WorkloadRow c = row("c", 3);
        shown.order(byGpus);
        shown.show(List.of(a, b, c));
        List<Integer> newPlaceOfFirst = new ArrayList<>();
        shown.addListener((ListChangeListener<WorkloadRow>) change -> {
            while (change.next()) {
                if (change.wasPermutated()) {
                    newPlaceOfFirst.add(change.getPermutation(0));
                }
            }
        });
        a.update(Workloads.workload("team", "a", WorkloadStatus.WORKLOAD_STATUS_RUNNING, 5, 2));
        shown.changed(List.of(a), a);
        assertThat(newPlaceOfFirst).containsExactly(2);
        assertThat(shown.get(2)).isSameAs(a);
    }

    @Test
    void filtersHidesAndSortsAgain() {
        WorkloadRow a = row("a", 1);
        WorkloadRow b = row("b", 4);
        WorkloadRow c = row("c", 2);
        List<WorkloadRow> all = List.of(a, b, c);
        shown.show(all);
        assertThat(names()).containsExactly("a", "b", "c");

        shown.filter(r -> r != b, all);
        assertThat(names()).containsExactly("a", "c");
        shown.changed(List.of(b), null);
        assertThat(names()).containsExactly("a", "c");

        shown.order(byGpus.reversed());
        assertThat(names()).containsExactly("c", "a");

        shown.filter(r -> true, all);
        assertThat(names()).containsExactly("b", "c", "a");

        shown.hide(Set.of(c));
        assertThat(names()).containsExactly("b", "a");
    }

    @Test
    void manyRowsArrivingAtOnceAreMergedInOrder() {
        shown.order(byGpus);
        shown.show(List.of(row("a", 1), row("b", 5)));
        events.clear();
        shown.show(List.of(row("c", 3), row("d", 0), row("e", 7)));
        assertThat(names()).containsExactly("d", "a", "c", "b", "e");
        assertThat(shown).hasSize(5);
    }
}
