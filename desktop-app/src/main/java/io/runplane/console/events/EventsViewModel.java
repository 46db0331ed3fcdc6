package io.runplane.console.events;

import io.runplane.api.v1.EventsRequest;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadEvent;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.console.app.Background;
import io.runplane.console.app.PulseBatcher;
import io.runplane.console.client.RunplaneClient;
import io.runplane.console.client.ServiceException;
import io.runplane.console.client.StreamListener;
import io.runplane.console.client.Subscription;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** The event history of the selected workload, followed live, filterable by type and text. */
public final class EventsViewModel implements AutoCloseable {

    /** Which event types to show. */
    public enum TypeFilter {
        ALL("All types"), NORMAL("Normal"), WARNING("Warning");

        private final String label;

        TypeFilter(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final RunplaneClient client;
    private final ObservableList<WorkloadEvent> events = FXCollections.observableArrayList();
    private final FilteredList<WorkloadEvent> shown = new FilteredList<>(events);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<TypeFilter> type = new SimpleObjectProperty<>(TypeFilter.ALL);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final PulseBatcher<Delivery> batcher;
    private WorkloadRef workload;
    private Subscription subscription = Subscription.NONE;
    private long generation;

    public EventsViewModel(RunplaneClient client, Background background) {
        this.client = client;
        this.batcher = new PulseBatcher<>(background.ui(), this::apply);
        shown.predicateProperty().bind(Bindings.createObjectBinding(() -> {
            String text = search.get() == null ? "" : search.get().trim().toLowerCase(Locale.ROOT);
            TypeFilter t = type.get();
            return event -> (t == TypeFilter.ALL || t.label.equalsIgnoreCase(event.getType()))
                    && (text.isEmpty() || (event.getReason() + " " + event.getMessage() + " " + event.getPod())
                    .toLowerCase(Locale.ROOT).contains(text));
        }, search, type));
    }

    public void show(Workload selected) {
        WorkloadRef ref = selected == null ? null : WorkloadRef.newBuilder()
                .setProject(selected.getSpec().getProject()).setName(selected.getSpec().getName()).build();
        if (Objects.equals(ref, workload)) {
            return;
        }
        workload = ref;
        subscription.cancel();
        batcher.clear();
        long current = ++generation;
        events.clear();
        if (ref == null) {
            status.set("");
            subscription = Subscription.NONE;
            return;
        }
        status.set("Following the events of " + ref.getName());
        subscription = client.events(EventsRequest.newBuilder().setWorkload(ref).setFollow(true).build(), new StreamListener<>() {
            @Override
            public void onNext(WorkloadEvent event) {
                batcher.offer(new Delivery(current, event, null));
            }

            @Override
            public void onError(ServiceException error) {
                if (!error.isCancelled()) {
                    batcher.offer(new Delivery(current, null, "The event stream ended: " + error.getMessage()));
                }
            }

            @Override
            public void onCompleted() {
                batcher.offer(new Delivery(current, null, "The event stream ended"));
            }
        });
    }

    public ObservableList<WorkloadEvent> events() {
        return shown;
    }

    public ObservableList<WorkloadEvent> allEvents() {
        return FXCollections.unmodifiableObservableList(events);
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<TypeFilter> typeProperty() {
        return type;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    private void apply(List<Delivery> batch) {
        for (Delivery d : batch) {
            if (d.generation() != generation) {
                continue;
            }
            if (d.event() != null) {
                events.add(d.event());
            } else if (d.message() != null) {
                status.set(d.message());
            }
        }
    }

    @Override
    public void close() {
        subscription.cancel();
        batcher.clear();
        generation++;
    }

    private record Delivery(long generation, WorkloadEvent event, String message) {
    }
}
