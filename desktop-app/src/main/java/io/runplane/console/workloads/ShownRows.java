package io.runplane.console.workloads;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javafx.collections.ObservableListBase;

/**
 * The rows the table shows: those passing the search and filters, in the table's sort order, kept
 * so incrementally. A row whose workload changed is moved to its new place alone, instead of the
 * whole list being sorted again and permuted, as a sorted list over a list with an extractor does
 * for every change of a row; a row that keeps its place raises no change at all, since every change
 * of the list makes the table refresh all its visible cells.
 */
final class ShownRows extends ObservableListBase<WorkloadRow> {

    private List<WorkloadRow> items = new ArrayList<>();
    private Predicate<WorkloadRow> predicate = row -> true;
    private RowOrder comparator;

    @Override
    public WorkloadRow get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    /** Shows the rows of {@code all} that pass {@code test}, in the current order. */
    void filter(Predicate<WorkloadRow> test, Collection<WorkloadRow> all) {
        predicate = test;
        List<WorkloadRow> next = new ArrayList<>();
        for (WorkloadRow row : all) {
            if (test.test(row)) {
                next.add(row);
            }
        }
        if (comparator != null) {
            next = sorted(next, comparator.sortedIndices(next));
        }
        List<WorkloadRow> old = items;
        items = next;
        beginChange();
        if (!old.isEmpty()) {
            nextRemove(0, old);
        }
        if (!next.isEmpty()) {
            nextAdd(0, next.size());
        }
        endChange();
    }

    /** Sorts by {@code order} (null: the order rows arrived in, for rows added from now on). */
    void order(RowOrder order) {
        comparator = order;
        if (order == null || items.size() < 2) {
            return;
        }
        int[] from = order.sortedIndices(items);
        int[] permutation = new int[from.length];
        for (int now = 0; now < from.length; now++) {
            permutation[from[now]] = now;
        }
        items = sorted(items, from);
        beginChange();
        nextPermutation(0, items.size(), permutation);
        endChange();
    }

    private static List<WorkloadRow> sorted(List<WorkloadRow> rows, int[] from) {
        List<WorkloadRow> next = new ArrayList<>(rows.size());
        for (int index : from) {
            next.add(rows.get(index));
        }
        return next;
    }

    void show(Collection<WorkloadRow> added) {
        List<WorkloadRow> shown = new ArrayList<>();
        for (WorkloadRow row : added) {
            if (predicate.test(row)) {
                shown.add(row);
            }
        }
        if (shown.isEmpty()) {
            return;
        }
        beginChange();
        if (comparator == null || items.isEmpty()) {
            int from = items.size();
            items.addAll(shown);
            if (comparator != null) {
                items = sorted(items, comparator.sortedIndices(items));
                nextAdd(0, items.size());
            } else {
                nextAdd(from, items.size());
            }
        } else if (shown.size() * 8L > items.size()) {
            merge(shown);
        } else {
            for (WorkloadRow row : shown) {
                int at = place(row);
                items.add(at, row);
                nextAdd(at, at + 1);
            }
        }
        endChange();
    }

    void hide(Set<WorkloadRow> removed) {
        beginChange();
        for (int i = items.size() - 1; i >= 0; i--) {
            if (removed.contains(items.get(i))) {
                nextRemove(i, items.remove(i));
            }
        }
        endChange();
    }

    /**
     * Puts each of {@code rows}, whose workloads changed, where it now belongs, or takes it out, or
     * shows it, in one change of the list. A row that stays in place raises no change: its cells
     * follow the row's workload. A moved row is taken out and put back at its new place, except
     * {@code selected}, which is moved by a permutation of the rows between its old and new place so
     * that the table's selection follows it (a permutation costs the table's selection model a map
     * of the whole range).
     */
    void changed(Collection<WorkloadRow> rows, WorkloadRow selected) {
        beginChange();
        for (WorkloadRow row : rows) {
            changed(row, row == selected);
        }
        endChange();
    }

    private void changed(WorkloadRow row, boolean selected) {
        int at = items.indexOf(row);
        boolean passes = predicate.test(row);
        if (at < 0) {
            if (passes) {
                show(List.of(row));
            }
            return;
        }
        if (!passes) {
            nextRemove(at, items.remove(at));
        } else if (comparator != null && !inPlace(at)) {
            items.remove(at);
            int to = place(row);
            items.add(to, row);
            if (selected) {
                nextPermutation(Math.min(at, to), Math.max(at, to) + 1, move(at, to));
            } else {
                nextRemove(at, row);
                nextAdd(to, to + 1);
            }
        }
    }

    private boolean inPlace(int at) {
        WorkloadRow row = items.get(at);
        return (at == 0 || comparator.compare(items.get(at - 1), row) <= 0)
                && (at == items.size() - 1 || comparator.compare(row, items.get(at + 1)) <= 0);
    }

    /** Where {@code row} goes in the sorted items: after every row that sorts before or equal to it. */
    private int place(WorkloadRow row) {
        int low = 0;
        int high = items.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (comparator.compare(items.get(mid), row) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The permutation of the range between {@code from} and {@code to} when one row moves from one to the other. */
    private static int[] move(int from, int to) {
        int low = Math.min(from, to);
        int[] permutation = new int[Math.abs(to - from) + 1];
        for (int old = low; old < low + permutation.length; old++) {
            int now;
            if (old == from) {
                now = to;
            } else if (from < to) {
                now = old - 1;
            } else {
                now = old + 1;
            }
            permutation[old - low] = now;
        }
        return permutation;
    }

    private void merge(List<WorkloadRow> added) {
        added.sort(comparator);
        List<WorkloadRow> merged = new ArrayList<>(items.size() + added.size());
        int i = 0;
        int j = 0;
        while (i < items.size() || j < added.size()) {
            if (j == added.size() || (i < items.size() && comparator.compare(items.get(i), added.get(j)) <= 0)) {
                merged.add(items.get(i++));
            } else {
                int at = merged.size();
                merged.add(added.get(j++));
                nextAdd(at, at + 1);
            }
        }
        items = merged;
    }
}
