package io.runplane.console.workloads;

import io.runplane.api.v1.Connection;
import io.runplane.api.v1.WatchWorkloadsRequest;
import io.runplane.api.v1.WatchWorkloadsResponse;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadDelta;
import io.runplane.console.access.AccessViewModel;
import io.runplane.console.access.Permissions;
import io.runplane.console.access.Availability;
import io.runplane.console.access.WorkloadAction;
import io.runplane.console.app.Background;
import io.runplane.console.app.ConsoleSettings;
import io.runplane.console.app.Notifications;
import io.runplane.console.app.PulseBatcher;
import io.runplane.console.client.RunplaneClient;
import io.runplane.console.client.ServiceException;
import io.runplane.console.client.StreamListener;
import io.runplane.console.client.Subscription;
import io.runplane.console.connection.Backoff;
import io.runplane.console.connection.Reconnection;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * The workloads table: rows kept live from the Watch stream (snapshot, then deltas, resumed from
 * the last revision after a disconnect), search and filter chips, chosen columns, the actions and
 * whether the selected workload's status allows them.
 */
public final class WorkloadsViewModel implements AutoCloseable {

    public enum FeedState { CONNECTING, LIVE, RECONNECTING, CLOSED }

    static final String COLUMNS_KEY = "workloads.columns";
    /** New rows shown per FX task: a snapshot of thousands reaches the table over several pulses. */
    static final int ROWS_PER_TASK = 1_000;

    private final RunplaneClient client;
    private final Background background;
    private final Notifications notifications;
    private final ConsoleSettings settings;

    private final ObservableList<WorkloadRow> rows = FXCollections.observableArrayList();
    private final ObservableList<WorkloadRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final Map<String, WorkloadRow> rowsByKey = new HashMap<>();
    private final Map<String, WorkloadRow> rowsByUuid = new HashMap<>();
    private final ShownRows visibleRows = new ShownRows();
    private final StatusCounts counts = new StatusCounts();
    private final Set<WorkloadRow> arriving = new LinkedHashSet<>();
    private boolean arrivalScheduled;
    private final StringProperty search = new SimpleStringProperty("");
    private final ObservableList<FilterCondition> filters = FXCollections.observableArrayList();
    private final ObservableSet<WorkloadColumn> visibleColumns = FXCollections.observableSet(EnumSet.noneOf(WorkloadColumn.class));
    private final ObjectProperty<WorkloadRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Workload> selectedWorkload = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<FeedState> feedState = new ReadOnlyObjectWrapper<>(FeedState.CONNECTING);
    private final ReadOnlyIntegerWrapper pending = new ReadOnlyIntegerWrapper();
    private final ObservableList<Workload> pendingWorkloads = FXCollections.observableArrayList();
    private final ObservableList<Workload> readOnlyPending = FXCollections.unmodifiableObservableList(pendingWorkloads);
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper();
    private final ObjectProperty<Permissions> permissions = new SimpleObjectProperty<>(Permissions.UNREPORTED);
    private final Map<WorkloadAction, ObjectBinding<Availability>> availability = new EnumMap<>(WorkloadAction.class);
    private final BooleanBinding canCreate;
    private final BooleanBinding canStop;
    private final BooleanBinding canResume;
    private final BooleanBinding canDelete;
    private final BooleanBinding canConnect;
    private final BooleanBinding canCopy;
    private Consumer<Throwable> refusedCalls = error -> { };

    private final Reconnection reconnection;
    private final AtomicLong revision = new AtomicLong();
    private final PulseBatcher<WatchWorkloadsResponse> batcher;
    private volatile Subscription subscription = Subscription.NONE;
    private volatile boolean closed;
    private String pendingSelection;

    public WorkloadsViewModel(RunplaneClient client, Background background, Notifications notifications,
                              ConsoleSettings settings) {
        this.client = client;
        this.background = background;
        this.notifications = notifications;
        this.settings = settings;
        this.batcher = new PulseBatcher<>(background.ui(), this::apply);
        this.reconnection = new Reconnection(background, Backoff.WATCH);
        feedState.addListener((obs, old, state) -> {
            if (state == FeedState.LIVE) {
                reconnection.succeeded();
            }
        });

        InvalidationListener refilter = o -> visibleRows.filter(predicate(), rows);
        search.addListener(refilter);
        filters.addListener(refilter);
        selected.addListener((obs, old, row) -> selectedWorkload.set(row == null ? null : row.workload()));
        for (WorkloadAction action : WorkloadAction.values()) {
            availability.put(action, Bindings.createObjectBinding(
                    () -> action.check(selectedWorkload.get(), permissions.get()), selectedWorkload, permissions));
        }
        canCreate = allowed(WorkloadAction.NEW);
        canStop = allowed(WorkloadAction.STOP);
        canResume = allowed(WorkloadAction.RUN);
        canDelete = allowed(WorkloadAction.DELETE);
        canConnect = allowed(WorkloadAction.CONNECT);
        canCopy = allowed(WorkloadAction.COPY);

        List<String> saved = settings.getList(COLUMNS_KEY);
        for (WorkloadColumn column : WorkloadColumn.values()) {
            if (settings.has(COLUMNS_KEY) ? saved.contains(column.name()) : column.visibleByDefault()) {
                visibleColumns.add(column);
            }
        }
        visibleColumns.add(WorkloadColumn.NAME);
    }

    /** Opens the watch stream. */
    public void start() {
        subscribe(0);
    }

    // --- state exposed to the view -------------------------------------------------------------

    /** Every workload the watch reported. */
    public ObservableList<WorkloadRow> rows() {
        return readOnlyRows;
    }

    /** The rows that pass the search and the filters, in the order set by {@link #sortBy}. */
    public ObservableList<WorkloadRow> visibleRows() {
        return visibleRows;
    }

    /** Sorts the visible rows by {@code order}, and keeps them so as workloads change (null: as they arrived). */
    public void sortBy(RowOrder order) {
        visibleRows.order(order);
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObservableList<FilterCondition> filters() {
        return filters;
    }

    public ObservableSet<WorkloadColumn> visibleColumns() {
        return visibleColumns;
    }

    /** The row the user selected in the table (set by the view). */
    public ObjectProperty<WorkloadRow> selectedProperty() {
        return selected;
    }

    /** The selected workload as last reported by the watch. */
    public ReadOnlyObjectProperty<Workload> selectedWorkloadProperty() {
        return selectedWorkload.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FeedState> feedStateProperty() {
        return feedState.getReadOnlyProperty();
    }

    /** The watch's reconnect attempts after it was lost, with the countdown to the next one. */
    public Reconnection reconnection() {
        return reconnection;
    }

    public ReadOnlyIntegerProperty pendingCountProperty() {
        return pending.getReadOnlyProperty();
    }

    /** The workloads waiting for resources, as the watch reports them. */
    public ObservableList<Workload> pendingWorkloads() {
        return readOnlyPending;
    }

    public ReadOnlyIntegerProperty runningCountProperty() {
        return running.getReadOnlyProperty();
    }

    /** What the caller may do; {@link Permissions#UNREPORTED} until {@link #follow} is given the agent's answer. */
    public ObjectProperty<Permissions> permissionsProperty() {
        return permissions;
    }

    /** Keeps the actions in step with {@code access}, and tells it of refused calls so it asks the agent again. */
    public void follow(AccessViewModel access) {
        permissions.bind(access.permissionsProperty());
        refusedCalls = access::failed;
    }

    /** Whether {@code action} may be taken on the selected workload now, and why not. */
    public ObjectBinding<Availability> availability(WorkloadAction action) {
        return availability.get(action);
    }

    public BooleanBinding canCreateProperty() {
        return canCreate;
    }

    public BooleanBinding canCopyProperty() {
        return canCopy;
    }

    public BooleanBinding canStopProperty() {
        return canStop;
    }

    public BooleanBinding canResumeProperty() {
        return canResume;
    }

    public BooleanBinding canDeleteProperty() {
        return canDelete;
    }

    public BooleanBinding canConnectProperty() {
        return canConnect;
    }

    public long revision() {
        return revision.get();
    }

    // --- column chooser, filters -----------------------------------------------------------------

    public void setColumnVisible(WorkloadColumn column, boolean visible) {
        if (column == WorkloadColumn.NAME) {
            return;
        }
        boolean changed = visible ? visibleColumns.add(column) : visibleColumns.remove(column);
        if (changed) {
            List<String> names = new ArrayList<>();
            for (WorkloadColumn c : WorkloadColumn.values()) {
                if (visibleColumns.contains(c)) {
                    names.add(c.name());
                }
            }
            settings.putList(COLUMNS_KEY, names);
        }
    }

    /** Selects {@code workload}'s row, now or as soon as the watch reports it. */
    public void select(Workload workload) {
        WorkloadRow row = rowsByKey.get(WorkloadRow.key(workload));
        if (row != null) {
            selected.set(row);
            pendingSelection = null;
        } else {
            pendingSelection = WorkloadRow.key(workload);
        }
    }

    public void addFilter(FilterCondition condition) {
        if (!filters.contains(condition)) {
            filters.add(condition);
        }
    }

    public void removeFilter(FilterCondition condition) {
        filters.remove(condition);
    }

    private Predicate<WorkloadRow> predicate() {
        String text = search.get() == null ? "" : search.get().trim().toLowerCase(Locale.ROOT);
        List<FilterCondition> conditions = List.copyOf(filters);
        return row -> {
            Workload w = row.workload();
            for (FilterCondition condition : conditions) {
                if (!condition.test(w)) {
                    return false;
                }
            }
            if (text.isEmpty()) {
                return true;
            }
            for (WorkloadColumn column : WorkloadColumn.values()) {
                if (row.text(column).toLowerCase(Locale.ROOT).contains(text)) {
                    return true;
                }
            }
            return false;
        };
    }

    // --- actions -----------------------------------------------------------------------------------

    public void stopSelected() {
        Workload w = selectedWorkload.get();
        if (w != null && canStop.get()) {
            background.run(() -> client.stop(WorkloadText.ref(w)),
                    done -> notifications.info("Stopping " + w.getSpec().getName(), "Its pods are released."),
                    error -> refused("Could not stop " + w.getSpec().getName(), error));
        }
    }

    public void resumeSelected() {
        Workload w = selectedWorkload.get();
        if (w != null && canResume.get()) {
            background.run(() -> client.resume(WorkloadText.ref(w)),
                    done -> notifications.info("Running " + w.getSpec().getName(), "The workload is scheduled again."),
                    error -> refused("Could not run " + w.getSpec().getName(), error));
        }
    }

    public void deleteSelected() {
        Workload w = selectedWorkload.get();
        if (w != null && canDelete.get()) {
            background.run(() -> {
                        client.delete(WorkloadText.ref(w));
                        return w;
                    },
                    done -> notifications.info("Deleted " + w.getSpec().getName(), "In project " + w.getSpec().getProject() + "."),
                    error -> refused("Could not delete " + w.getSpec().getName(), error));
        }
    }

    private void refused(String title, Throwable error) {
        notifications.error(title, error);
        refusedCalls.accept(error);
    }

    /** The URL of the selected workload's first tool, if it is running and has one. */
    public String connectionUrl() {
        Workload w = selectedWorkload.get();
        if (w == null || !canConnect.get()) {
            return null;
        }
        for (Connection connection : w.getConnectionsList()) {
            if (!connection.getUrl().isBlank()) {
                return connection.getUrl();
            }
        }
        return null;
    }

    /** Writes the given rows and columns (what the table shows, in its order) as CSV, in the background. */
    public void exportCsv(List<WorkloadColumn> columns, List<WorkloadRow> shownRows, Path target) {
        List<Workload> snapshot = shownRows.stream().map(WorkloadRow::workload).toList();
        List<WorkloadColumn> cols = List.copyOf(columns);
        background.run(() -> {
                    writeCsv(cols, snapshot, target);
                    return target;
                },
                done -> notifications.success("Exported " + snapshot.size() + " workloads", done.getFileName().toString()),
                error -> notifications.error("Could not export CSV", error));
    }

    static void writeCsv(List<WorkloadColumn> columns, List<Workload> workloads, Path target) throws IOException {
        try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            out.write(String.join(",", columns.stream().map(c -> csv(c.title())).toList()));
            out.write("\r\n");
            for (Workload w : workloads) {
                out.write(String.join(",", columns.stream().map(c -> csv(c.text(w))).toList()));
                out.write("\r\n");
            }
        }
    }

    static String csv(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    // --- the watch feed ----------------------------------------------------------------------------

    private void subscribe(long fromRevision) {
        if (closed) {
            return;
        }
        WatchWorkloadsRequest request = WatchWorkloadsRequest.newBuilder().setResumeFromRevision(fromRevision).build();
        subscription = client.watchWorkloads(request, new StreamListener<>() {
            @Override
            public void onNext(WatchWorkloadsResponse message) {
                revision.accumulateAndGet(message.getRevision(), Math::max);
                batcher.offer(message);
            }

            @Override
            public void onError(ServiceException error) {
                if (!closed) {
                    reconnectLater();
                }
            }

            @Override
            public void onCompleted() {
                if (!closed) {
                    reconnectLater();
                }
            }
        });
    }

    private void reconnectLater() {
        background.ui().post(() -> {
            if (!closed) {
                feedState.set(FeedState.RECONNECTING);
            }
        });
        reconnection.lost(this::resubscribe);
    }

    /**
     * Asks the agent first, so that a resumed watch with nothing new to say still shows as live. The
     * channel's own wait between connection attempts is dropped: the back-off here decides when.
     */
    private void resubscribe() {
        try {
            client.reconnectNow();
            client.whoAmI();
        } catch (RuntimeException e) {
            reconnectLater();
            return;
        }
        subscribe(revision.get());
        background.ui().post(() -> {
            if (!closed && feedState.get() == FeedState.RECONNECTING) {
                feedState.set(FeedState.LIVE);
            }
        });
    }

    /**
     * Applies one pulse's messages: rows that go are removed in one change and rows that appear are
     * added in changes of at most {@link #ROWS_PER_TASK} rows, whatever the number of messages.
     */
    private void apply(List<WatchWorkloadsResponse> batch) {
        if (closed) {
            return;
        }
        Changes changes = new Changes();
        for (WatchWorkloadsResponse message : batch) {
            if (message.hasSnapshot()) {
                applySnapshot(message.getSnapshot().getWorkloadsList(), changes);
            } else if (message.hasDelta()) {
                WorkloadDelta delta = message.getDelta();
                if (delta.getKind() == WorkloadDelta.Kind.KIND_DELETED) {
                    remove(delta.getWorkload(), changes);
                } else {
                    upsert(delta.getWorkload(), changes);
                }
            }
        }
        if (!changes.removed.isEmpty()) {
            rows.removeAll(changes.removed);
            visibleRows.hide(changes.removed);
        }
        List<WorkloadRow> shownAndChanged = new ArrayList<>(changes.updated.size());
        for (WorkloadRow row : changes.updated) {
            if (rowsByKey.get(row.key()) == row && !arriving.contains(row)) {
                shownAndChanged.add(row);
            }
        }
        if (!shownAndChanged.isEmpty()) {
            visibleRows.changed(shownAndChanged, selected.get());
        }
        arriving.addAll(changes.added.values());
        if (!arrivalScheduled) {
            showArrivals();
        }
        WorkloadRow row = selected.get();
        if (row != null && rowsByKey.get(row.key()) != row) {
            selected.set(null);
        } else if (pendingSelection != null && rowsByKey.containsKey(pendingSelection)) {
            selected.set(rowsByKey.get(pendingSelection));
            pendingSelection = null;
        }
        recount();
        feedState.set(FeedState.LIVE);
    }

    private void applySnapshot(List<Workload> workloads, Changes changes) {
        Set<String> keep = new HashSet<>();
        for (Workload w : workloads) {
            keep.add(WorkloadRow.key(w));
        }
        for (WorkloadRow row : List.copyOf(rowsByKey.values())) {
            if (!keep.contains(row.key())) {
                forget(row, changes);
            }
        }
        for (Workload w : workloads) {
            upsert(w, changes);
        }
    }

    private void upsert(Workload w, Changes changes) {
        WorkloadRow row = rowsByKey.get(WorkloadRow.key(w));
        if (row == null) {
            row = new WorkloadRow(w);
            rowsByKey.put(row.key(), row);
            if (!w.getUuid().isBlank()) {
                rowsByUuid.put(w.getUuid(), row);
            }
            changes.added.put(row.key(), row);
            counts.added(row);
        } else if (w.getRevision() == 0 || w.getRevision() >= row.workload().getRevision()) {
            Workload before = row.workload();
            row.update(w);
            counts.changed(row, before);
            if (!changes.added.containsKey(row.key())) {
                changes.updated.add(row);
            }
            if (row == selected.get()) {
                selectedWorkload.set(w);
            }
        }
    }

    private void remove(Workload w, Changes changes) {
        WorkloadRow row = rowsByKey.get(WorkloadRow.key(w));
        if (row == null && !w.getUuid().isBlank()) {
            row = rowsByUuid.get(w.getUuid());
        }
        if (row != null) {
            forget(row, changes);
        }
    }

    private void forget(WorkloadRow row, Changes changes) {
        rowsByKey.remove(row.key());
        rowsByUuid.remove(row.workload().getUuid(), row);
        counts.removed(row);
        if (changes.added.remove(row.key()) == null && !arriving.remove(row)) {
            changes.removed.add(row);
        }
    }

    /**
     * Puts up to {@link #ROWS_PER_TASK} of the rows that arrived into the table, and leaves the rest
     * to a task after the next frame, so the window renders in between.
     */
    private void showArrivals() {
        arrivalScheduled = false;
        if (closed || arriving.isEmpty()) {
            return;
        }
        List<WorkloadRow> now = new ArrayList<>(Math.min(ROWS_PER_TASK, arriving.size()));
        Iterator<WorkloadRow> next = arriving.iterator();
        while (next.hasNext() && now.size() < ROWS_PER_TASK) {
            now.add(next.next());
            next.remove();
        }
        rows.addAll(now);
        visibleRows.show(now);
        if (!arriving.isEmpty()) {
            arrivalScheduled = true;
            background.ui().postAfterFrame(this::showArrivals);
        }
    }

    /** What one batch of watch messages did to the rows. */
    private static final class Changes {
        final Map<String, WorkloadRow> added = new LinkedHashMap<>();
        final Set<WorkloadRow> removed = new HashSet<>();
        final Set<WorkloadRow> updated = new LinkedHashSet<>();
    }

    private void recount() {
        pending.set(counts.pending());
        running.set(counts.running());
        List<Workload> waiting = counts.takePendingChanges();
        if (waiting != null) {
            pendingWorkloads.setAll(waiting);
        }
    }

    private BooleanBinding allowed(WorkloadAction action) {
        ObjectBinding<Availability> it = availability.get(action);
        return Bindings.createBooleanBinding(() -> it.get().allowed(), it);
    }

    @Override
    public void close() {
        closed = true;
        reconnection.close();
        feedState.set(FeedState.CLOSED);
        subscription.cancel();
        batcher.clear();
    }
}
