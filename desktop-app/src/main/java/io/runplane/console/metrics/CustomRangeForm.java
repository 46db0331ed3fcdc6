package io.runplane.console.metrics;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A time range the user types: a date and a time (HH:mm or HH:mm:ss) for each end, in the local
 * time zone. The range must end after it starts and not after now, and start no earlier than the
 * workload was created: the agent has samples of a workload from its creation on (it keeps them for
 * the workload's whole life; there is nothing before).
 */
public final class CustomRangeForm {

    /** Form keys of the two ends, also the keys of {@link #errorProperty}. */
    public static final String FROM = "from";
    public static final String TO = "to";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final Clock clock;
    private final ZoneId zone;
    private final Instant created;
    private final ObjectProperty<LocalDate> fromDate = new SimpleObjectProperty<>();
    private final StringProperty fromTime = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> toDate = new SimpleObjectProperty<>();
    private final StringProperty toTime = new SimpleStringProperty("");
    private final Map<String, ReadOnlyStringWrapper> errors = new LinkedHashMap<>();

    /** A form showing {@code start}..{@code end}; {@code created} (may be null) is the workload's creation. */
    CustomRangeForm(Instant start, Instant end, Instant created, Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
        this.created = created;
        errors.put(FROM, new ReadOnlyStringWrapper(""));
        errors.put(TO, new ReadOnlyStringWrapper(""));
        LocalDateTime from = LocalDateTime.ofInstant(start, zone);
        LocalDateTime to = LocalDateTime.ofInstant(end, zone);
        fromDate.set(from.toLocalDate());
        fromTime.set(TIME.format(from));
        toDate.set(to.toLocalDate());
        toTime.set(TIME.format(to));
    }

    /** The range entered, or empty with a message on each field that is wrong. */
    public Optional<MetricsViewModel.TimeSpan> validate() {
        errors.values().forEach(e -> e.set(""));
        Instant from = instant(FROM, fromDate.get(), fromTime.get());
        Instant to = instant(TO, toDate.get(), toTime.get());
        Instant now = clock.instant();
        if (to != null && to.isAfter(now)) {
            errors.get(TO).set("Must not be in the future (now is " + shown(now) + ")");
        }
        if (from != null && created != null && from.isBefore(created)) {
            errors.get(FROM).set("The agent has samples from the workload's creation on: " + shown(created) + " or later");
        }
        if (from != null && to != null && !to.isAfter(from) && errors.get(TO).get().isEmpty()) {
            errors.get(TO).set("Must be after the start");
        }
        if (errors.values().stream().anyMatch(e -> !e.get().isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new MetricsViewModel.TimeSpan(from, to));
    }

    private Instant instant(String key, LocalDate date, String time) {
        if (date == null) {
            errors.get(key).set("Choose a date");
            return null;
        }
        try {
            LocalTime at = LocalTime.parse(time == null ? "" : time.strip());
            return date.atTime(at).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            errors.get(key).set("Enter a time as HH:mm or HH:mm:ss");
            return null;
        }
    }

    private String shown(Instant instant) {
        return SHOWN.format(LocalDateTime.ofInstant(instant, zone));
    }

    /** The time zone the times are in, as shown to the user, e.g. "Central European Time (Europe/Berlin)". */
    public String zoneName() {
        return zone.getDisplayName(TextStyle.FULL, Locale.ROOT) + " (" + zone.getId() + ")";
    }

    public ObjectProperty<LocalDate> fromDateProperty() {
        return fromDate;
    }

    public StringProperty fromTimeProperty() {
        return fromTime;
    }

    public ObjectProperty<LocalDate> toDateProperty() {
        return toDate;
    }

    public StringProperty toTimeProperty() {
        return toTime;
    }

    /** The message for one end ({@link #FROM}, {@link #TO}); empty when it is fine. */
    public ReadOnlyStringProperty errorProperty(String key) {
        return errors.get(key).getReadOnlyProperty();
    }
}
