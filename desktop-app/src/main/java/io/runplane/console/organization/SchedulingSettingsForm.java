package io.runplane.console.organization;

import io.runplane.api.v1.SchedulingSettings;
import io.runplane.console.app.Background;
import io.runplane.console.app.Notifications;
import io.runplane.console.client.RunplaneClient;
import io.runplane.console.client.ServiceException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The cluster's scheduling settings as a form: time-based fairness on or off, its window in hours
 * and its usage weight. Numbers are checked before the server is asked; the server's field
 * violations land on their fields.
 */
public final class SchedulingSettingsForm {

    /** Form keys of the fields, also the keys of {@link #errorProperty}. */
    public static final String WINDOW = "window";
    public static final String USAGE_WEIGHT = "usage_weight";

    private static final Map<String, String> SERVER_FIELDS = Map.of(
            "settings.window_seconds", WINDOW, "settings.usage_weight", USAGE_WEIGHT);
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

    private final RunplaneClient client;
    private final Background background;
    private final Notifications notifications;
    private final Predicate<Throwable> permissionRefused;
    private final BooleanProperty timeBasedFairness = new SimpleBooleanProperty();
    private final StringProperty windowHours = new SimpleStringProperty("");
    private final StringProperty usageWeight = new SimpleStringProperty("");
    private final Map<String, ReadOnlyStringWrapper> errors = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper formError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper();

    /** {@code permissionRefused} is told of every failed save and answers whether it was a permission refusal. */
    SchedulingSettingsForm(RunplaneClient client, Background background, Notifications notifications,
                           Predicate<Throwable> permissionRefused) {
        this.client = client;
        this.background = background;
        this.notifications = notifications;
        this.permissionRefused = permissionRefused;
        errors.put(WINDOW, new ReadOnlyStringWrapper(""));
        errors.put(USAGE_WEIGHT, new ReadOnlyStringWrapper(""));
    }

    /** Fills the form with the server's settings. */
    public void load() {
        background.run(client::schedulingSettings, this::show, failure -> formError.set(Notifications.describe(failure)));
    }

    /** Checks the numbers, then saves; a refusal puts the server's messages on the fields. */
    public void save() {
        clearErrors();
        BigDecimal hours = number(windowHours, WINDOW);
        BigDecimal weight = number(usageWeight, USAGE_WEIGHT);
        if (hours == null || weight == null) {
            return;
        }
        SchedulingSettings wanted = SchedulingSettings.newBuilder().setTimeBasedFairness(timeBasedFairness.get())
                .setWindowSeconds(hours.multiply(SECONDS_PER_HOUR).longValue()).setUsageWeight(weight.doubleValue()).build();
        saving.set(true);
        background.run(() -> client.saveSchedulingSettings(wanted), saved -> {
            saving.set(false);
            show(saved);
            notifications.success("Saved the scheduling settings", "");
        }, failure -> {
            saving.set(false);
            refused(failure);
        });
    }

    private void show(SchedulingSettings settings) {
        timeBasedFairness.set(settings.getTimeBasedFairness());
        windowHours.set(BigDecimal.valueOf(settings.getWindowSeconds()).divide(SECONDS_PER_HOUR, 4, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString());
        usageWeight.set(BigDecimal.valueOf(settings.getUsageWeight()).stripTrailingZeros().toPlainString());
    }

    private void refused(Throwable failure) {
        if (permissionRefused.test(failure)) {
            formError.set(Notifications.describe(failure));
            return;
        }
        if (!(failure instanceof ServiceException e) || e.violations().isEmpty()) {
            formError.set(Notifications.describe(failure));
            return;
        }
        StringBuilder unplaced = new StringBuilder();
        for (ServiceException.FieldViolation v : e.violations()) {
            String key = SERVER_FIELDS.get(v.field());
            if (key != null) {
                errors.get(key).set(v.description());
            } else {
                unplaced.append(unplaced.isEmpty() ? "" : "\n").append(v.field()).append(": ").append(v.description());
            }
        }
        formError.set(unplaced.toString());
    }

    private BigDecimal number(StringProperty text, String key) {
        try {
            return new BigDecimal(text.get() == null ? "" : text.get().strip());
        } catch (NumberFormatException e) {
            errors.get(key).set("Enter a number");
            return null;
        }
    }

    private void clearErrors() {
        errors.values().forEach(e -> e.set(""));
        formError.set("");
    }

    public BooleanProperty timeBasedFairnessProperty() {
        return timeBasedFairness;
    }

    /** The window in hours (decimals allowed: 0.5 is 30 minutes). */
    public StringProperty windowHoursProperty() {
        return windowHours;
    }

    public StringProperty usageWeightProperty() {
        return usageWeight;
    }

    /** The message for one field ({@link #WINDOW}, {@link #USAGE_WEIGHT}); empty when it is fine. */
    public ReadOnlyStringProperty errorProperty(String key) {
        return errors.get(key).getReadOnlyProperty();
    }

    /** A refusal that names no field of the form, or a failure to reach the server. */
    public ReadOnlyStringProperty formErrorProperty() {
        return formError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }
}
