package io.runplane.console.logs;

import io.runplane.api.v1.LogLine;
import io.runplane.api.v1.LogsRequest;
import io.runplane.api.v1.Pod;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.console.app.Background;
import io.runplane.console.app.Notifications;
import io.runplane.console.app.PulseBatcher;
import io.runplane.console.client.RunplaneClient;
import io.runplane.console.client.ServiceException;
import io.runplane.console.client.StreamListener;
import io.runplane.console.client.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The logs of the selected workload: one pod or all, streamed with follow, capped in memory,
 * searchable (matches counted, the view highlights them), downloadable.
 */
public final class LogsViewModel implements AutoCloseable {

    /** The pod choice meaning "every pod". */
    public static final String ALL_PODS = "All pods";
    static final int MAX_LINES = 10_000;

    private final RunplaneClient client;
    private final Background background;
    private final Notifications notifications;

    private final ReadOnlyObjectWrapper<WorkloadRef> workload = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> pods = FXCollections.observableArrayList(ALL_PODS);
    private final StringProperty pod = new SimpleStringProperty(ALL_PODS);
    private final BooleanProperty follow = new SimpleBooleanProperty(true);
    private final BooleanProperty wrap = new SimpleBooleanProperty(false);
    private final BooleanProperty timestamps = new SimpleBooleanProperty(false);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyLines = FXCollections.unmodifiableObservableList(lines);
    private final ReadOnlyIntegerWrapper matches = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Select a workload to see its logs");
    private final PulseBatcher<Delivery> batcher;

    private Subscription subscription = Subscription.NONE;
    private long generation;

    public LogsViewModel(RunplaneClient client, Background background, Notifications notifications) {
        this.client = client;
        this.background = background;
        this.notifications = notifications;
        this.batcher = new PulseBatcher<>(background.ui(), this::append);
        pod.addListener((obs, old, now) -> {
            if (!Objects.equals(old, now)) {
                restart();
            }
        });
        follow.addListener((obs, old, now) -> restart());
        timestamps.addListener((obs, old, now) -> restart());
        search.addListener((obs, old, now) -> recountMatches());
    }

    /** Shows the logs of {@code selected} (or nothing when null); keeps the stream when it is the same workload. */
    public void show(Workload selected) {
        WorkloadRef ref = selected == null ? null : WorkloadRef.newBuilder()
                .setProject(selected.getSpec().getProject()).setName(selected.getSpec().getName()).build();
        if (selected != null) {
            List<String> names = new ArrayList<>();
            names.add(ALL_PODS);
            for (Pod p : selected.getPodsList()) {
                names.add(p.getName());
            }
            if (!names.equals(pods)) {
                String chosen = pod.get();
                pods.setAll(names);
                if (!names.contains(chosen)) {
                    pod.set(ALL_PODS);
                }
            }
        }
        if (Objects.equals(ref, workload.get())) {
            return;
        }
        workload.set(ref);
        if (ref == null) {
            pods.setAll(ALL_PODS);
        }
        pod.set(ALL_PODS);
        restart();
    }

    public ReadOnlyObjectProperty<WorkloadRef> workloadProperty() {
        return workload.getReadOnlyProperty();
    }

    public ObservableList<String> pods() {
        return pods;
    }

    public StringProperty podProperty() {
        return pod;
    }

    public BooleanProperty followProperty() {
        return follow;
    }

    public BooleanProperty wrapProperty() {
        return wrap;
    }

    public BooleanProperty timestampsProperty() {
        return timestamps;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObservableList<String> lines() {
        return readOnlyLines;
    }

    public ReadOnlyIntegerProperty matchesProperty() {
        return matches.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Re-reads the logs from the start. */
    public void restart() {
        subscription.cancel();
        batcher.clear();
        long current = ++generation;
        lines.clear();
        recountMatches();
        WorkloadRef ref = workload.get();
        if (ref == null) {
            status.set("Select a workload to see its logs");
            subscription = Subscription.NONE;
            return;
        }
        status.set(follow.get() ? "Following " + ref.getName() : "Logs of " + ref.getName());
        LogsRequest.Builder request = LogsRequest.newBuilder().setWorkload(ref).setFollow(follow.get())
                .setTimestamps(timestamps.get());
        if (pod.get() != null && !ALL_PODS.equals(pod.get())) {
            request.setPod(pod.get());
        }
        subscription = client.logs(request.build(), new StreamListener<>() {
            @Override
            public void onNext(LogLine line) {
                batcher.offer(new Delivery(current, line, null, false));
            }

            @Override
            public void onError(ServiceException error) {
                if (!error.isCancelled()) {
                    batcher.offer(new Delivery(current, null, error, false));
                }
            }

            @Override
            public void onCompleted() {
                batcher.offer(new Delivery(current, null, null, true));
            }
        });
    }

    /** Writes the lines shown now to {@code target}, in the background. */
    public void download(Path target) {
        List<String> snapshot = List.copyOf(lines);
        background.run(() -> Files.write(target, snapshot, StandardCharsets.UTF_8),
                done -> notifications.success("Saved " + snapshot.size() + " log lines", target.getFileName().toString()),
                error -> notifications.error("Could not save the logs", error));
    }

    /** Whether {@code line} contains the search text (case-insensitive). */
    public boolean matches(String line) {
        String s = search.get();
        return s != null && !s.isEmpty() && line.toLowerCase(Locale.ROOT).contains(s.toLowerCase(Locale.ROOT));
    }

    private void append(List<Delivery> batch) {
        List<String> added = new ArrayList<>();
        for (Delivery d : batch) {
            if (d.generation() != generation) {
                continue;
            }
            if (d.line() != null) {
                added.add(format(d.line()));
            } else if (d.error() != null) {
                status.set("Log stream ended: " + d.error().getMessage());
            } else if (d.completed()) {
                status.set(follow.get() ? "The log stream ended" : lines.size() + added.size() + " lines");
            }
        }
        if (!added.isEmpty()) {
            lines.addAll(added);
            if (lines.size() > MAX_LINES) {
                lines.remove(0, lines.size() - MAX_LINES);
            }
            recountMatches();
        }
    }

    private String format(LogLine line) {
        StringBuilder text = new StringBuilder();
        if (timestamps.get() && line.hasTime()) {
            text.append(io.runplane.console.workloads.WorkloadText.time(line.getTime())).append("  ");
        }
        if (ALL_PODS.equals(pod.get()) && pods.size() > 2 && !line.getPod().isBlank()) {
            text.append('[').append(line.getPod()).append("] ");
        }
        return text.append(line.getText()).toString();
    }

    private void recountMatches() {
        String s = search.get();
        if (s == null || s.isEmpty()) {
            matches.set(0);
            return;
        }
        int count = 0;
        for (String line : lines) {
            if (matches(line)) {
                count++;
            }
        }
        matches.set(count);
    }

    @Override
    public void close() {
        subscription.cancel();
        batcher.clear();
        generation++;
    }

    private record Delivery(long generation, LogLine line, ServiceException error, boolean completed) {
    }
}
