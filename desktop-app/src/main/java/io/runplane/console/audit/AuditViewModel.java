package io.runplane.console.audit;

import com.google.protobuf.Timestamp;
import io.runplane.api.v1.AuditEntry;
import io.runplane.api.v1.ListAuditEntriesRequest;
import io.runplane.api.v1.ListAuditEntriesResponse;
import io.runplane.access.Action;
import io.runplane.access.Entity;
import io.runplane.console.access.Availability;
import io.runplane.console.access.ScreenAccess;
import io.runplane.console.access.Scope;
import io.runplane.console.app.Background;
import io.runplane.console.app.Notifications;
import io.runplane.console.client.RunplaneClient;
import io.runplane.console.client.ServiceException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The audit log, newest first: filters, a first page, and "load more" for older entries. */
public final class AuditViewModel implements AutoCloseable {

    static final int PAGE_SIZE = 50;

    /** The outcomes offered by the filter; empty = any. */
    public static final List<String> OUTCOMES = List.of("", "OK", "INVALID_ARGUMENT", "PERMISSION_DENIED", "NOT_FOUND",
            "ALREADY_EXISTS", "FAILED_PRECONDITION", "UNAUTHENTICATED", "INTERNAL");

    private final RunplaneClient client;
    private final Background background;
    private final ZoneId zone;
    private final ObservableList<AuditEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<AuditEntry> entriesView = FXCollections.unmodifiableObservableList(entries);
    private final StringProperty subject = new SimpleStringProperty("");
    private final StringProperty action = new SimpleStringProperty("");
    private final StringProperty target = new SimpleStringProperty("");
    private final StringProperty outcome = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper more = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ScreenAccess access;
    private final ObjectBinding<Availability> viewing;
    private ListAuditEntriesRequest shown = ListAuditEntriesRequest.getDefaultInstance();
    private String nextToken = "";

    /** @param zone the zone whose days the date filters mean */
    public AuditViewModel(RunplaneClient client, Background background, ZoneId zone, ScreenAccess access) {
        this.client = client;
        this.background = background;
        this.zone = zone;
        this.access = access;
        this.viewing = access.availability(p -> p.check("viewing the audit log", Action.VIEW, Entity.AUDIT_LOG, Scope.CLUSTER));
    }

    /** Loads the newest entries matching the filters, replacing what is shown. */
    public void search() {
        if (!viewing.get().allowed()) {
            entries.clear();
            more.set(false);
            nextToken = "";
            status.set(viewing.get().reason());
            return;
        }
        ListAuditEntriesRequest.Builder request = ListAuditEntriesRequest.newBuilder()
                .setSubject(subject.get().strip())
                .setActionPrefix(action.get().strip())
                .setTargetContains(target.get().strip())
                .setOutcome(outcome.get() == null ? "" : outcome.get())
                .setPageSize(PAGE_SIZE);
        if (from.get() != null) {
            request.setSince(timestamp(from.get().atStartOfDay(zone).toInstant()));
        }
        if (to.get() != null) {
            request.setUntil(timestamp(to.get().plusDays(1).atStartOfDay(zone).toInstant()));
        }
        shown = request.build();
        load(shown, true);
    }

    /** Appends the next older page of the current search. */
    public void loadMore() {
        if (!nextToken.isEmpty() && !loading.get()) {
            load(shown.toBuilder().setPageToken(nextToken).build(), false);
        }
    }

    private void load(ListAuditEntriesRequest request, boolean fresh) {
        loading.set(true);
        background.run(() -> client.listAuditEntries(request), page -> {
            loading.set(false);
            apply(page, fresh);
        }, error -> {
            loading.set(false);
            if (fresh) {
                entries.clear();
                more.set(false);
                nextToken = "";
            }
            status.set(describe(error));
        });
    }

    private void apply(ListAuditEntriesResponse page, boolean fresh) {
        if (fresh) {
            entries.setAll(page.getEntriesList());
        } else {
            entries.addAll(page.getEntriesList());
        }
        nextToken = page.getNextPageToken();
        more.set(!nextToken.isEmpty());
        status.set(entries.isEmpty() ? "No entries match" : entries.size() + (more.get() ? " newest entries shown" : " entries"));
    }

    private String describe(Throwable error) {
        if (error instanceof ServiceException e) {
            if (access.failed(error)) {
                return e.getMessage();
            }
            if (!e.violations().isEmpty()) {
                return e.violations().stream().map(v -> filterName(v.field()) + ": " + v.description())
                        .collect(Collectors.joining("; "));
            }
        }
        return "Audit log unavailable: " + Notifications.describe(error);
    }

    /** The filter a request field comes from, as the screen labels it. */
    static String filterName(String field) {
        return switch (field) {
            case "since" -> "From";
            case "until" -> "To";
            case "action_prefix" -> "Action";
            case "target_contains" -> "Target";
            case "subject" -> "Subject";
            case "outcome" -> "Outcome";
            default -> field;
        };
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    public ObservableList<AuditEntry> entries() {
        return entriesView;
    }

    public StringProperty subjectProperty() {
        return subject;
    }

    public StringProperty actionProperty() {
        return action;
    }

    public StringProperty targetProperty() {
        return target;
    }

    public StringProperty outcomeProperty() {
        return outcome;
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Whether older entries match the search. */
    public ReadOnlyBooleanProperty moreProperty() {
        return more.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Whether the server refused the caller the audit log. */
    /** Whether the caller may view the audit log, and if not why. */
    public ObjectBinding<Availability> viewing() {
        return viewing;
    }

    @Override
    public void close() {
        // nothing runs between searches
    }
}
