package io.runplane.console.workloads;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sort order of the table: columns, most significant first, each ascending or descending, over
 * the rows' cached sort keys. Sorting a whole list ranks each column's distinct keys once, then
 * orders the rows by those ranks with primitive comparisons; equal rows keep their order, as with
 * a stable sort by {@link #compare}.
 */
public final class RowOrder implements Comparator<WorkloadRow> {

    /** One column of the order. */
    public record Key(WorkloadColumn column, boolean descending) {
    }

    private final List<Key> keys;

    private RowOrder(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    public static RowOrder by(WorkloadColumn column, boolean descending) {
        return new RowOrder(List.of(new Key(column, descending)));
    }

    public static RowOrder of(List<Key> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a sort order needs at least one column");
        }
        return new RowOrder(keys);
    }

    public RowOrder reversed() {
        return new RowOrder(keys.stream().map(k -> new Key(k.column(), !k.descending())).toList());
    }

    public List<Key> keys() {
        return keys;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int compare(WorkloadRow a, WorkloadRow b) {
        for (Key key : keys) {
            int result = ((Comparable) a.sortKey(key.column())).compareTo(b.sortKey(key.column()));
            if (result != 0) {
                return key.descending() ? -result : result;
            }
        }
        return 0;
    }

    /**
     * Where each row of {@code rows} goes: element {@code i} of the result is the index in
     * {@code rows} of the row that now comes {@code i}th.
     */
    int[] sortedIndices(List<WorkloadRow> rows) {
        int n = rows.size();
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        long[] packed = new long[n];
        for (Key key : keys.reversed()) {
            int[] rank = ranks(rows, key);
            for (int at = 0; at < n; at++) {
                packed[at] = (long) rank[order[at]] << 32 | at;
            }
            Arrays.sort(packed);
            int[] next = new int[n];
            for (int at = 0; at < n; at++) {
                next[at] = order[(int) packed[at]];
            }
            order = next;
        }
        return order;
    }

    /** Each row's place among the distinct keys of {@code key}'s column, reversed when descending. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int[] ranks(List<WorkloadRow> rows, Key key) {
        Map<Object, Integer> rankOf = new HashMap<>();
        Comparable[] values = new Comparable[rows.size()];
        List<Comparable> distinct = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            values[i] = rows.get(i).sortKey(key.column());
            if (rankOf.putIfAbsent(values[i], 0) == null) {
                distinct.add(values[i]);
            }
        }
        Comparable[] sorted = distinct.toArray(Comparable[]::new);
        Arrays.sort(sorted);
        int rank = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i > 0 && sorted[i - 1].compareTo(sorted[i]) != 0) {
                rank++;
            }
            rankOf.put(sorted[i], key.descending() ? -rank : rank);
        }
        int[] ranks = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ranks[i] = rankOf.get(values[i]);
        }
        return ranks;
    }

    @Override
    public String toString() {
        return keys.toString();
    }
}
