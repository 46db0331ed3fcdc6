package io.runplane.console.workloads;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A sort order of the table: columns, most significant first, each ascending or descending, over
 * the rows' cached sort keys. Sorting a whole list reads each row's key once, not once per
 * comparison; equal rows keep their order, as with a stable sort by {@link #compare}.
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
     * {@code rows} of the row that now comes {@code i}th. One column: a stable sort of the rows'
     * cached keys. Several: each column's keys ranked, then the rows ordered by rank, least
     * significant column first, with stable sorts of primitives.
     */
    int[] sortedIndices(List<WorkloadRow> rows) {
        if (keys.size() == 1) {
            Keyed[] keyed = keyed(rows, keys.getFirst());
            int[] order = new int[keyed.length];
            for (int at = 0; at < keyed.length; at++) {
                order[at] = keyed[at].index();
            }
            return order;
        }
        int n = rows.size();
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        long[] packed = new long[n];
        int[] rank = new int[n];
        for (Key key : keys.reversed()) {
            Keyed[] keyed = keyed(rows, key);
            int r = 0;
            for (int at = 0; at < keyed.length; at++) {
                if (at > 0 && compareKeys(keyed[at - 1].key(), keyed[at].key()) != 0) {
                    r++;
                }
                rank[keyed[at].index()] = r;
            }
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

    /** The rows' keys of {@code key}'s column with the rows' indices, stably sorted by key in the key's direction. */
    private static Keyed[] keyed(List<WorkloadRow> rows, Key key) {
        Keyed[] keyed = new Keyed[rows.size()];
        for (int i = 0; i < keyed.length; i++) {
            keyed[i] = new Keyed(rows.get(i).sortKey(key.column()), i);
        }
        Arrays.sort(keyed, key.descending()
                ? (a, b) -> compareKeys(b.key(), a.key())
                : (a, b) -> compareKeys(a.key(), b.key()));
        return keyed;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(Comparable a, Comparable b) {
        return a.compareTo(b);
    }

    private record Keyed(Comparable<?> key, int index) {
    }

    @Override
    public String toString() {
        return keys.toString();
    }
}
