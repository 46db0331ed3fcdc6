package io.runplane.console.metrics;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.scene.chart.NumberAxis;
import javafx.util.StringConverter;

/** A chart's time axis in epoch milliseconds, its labels in local time as fine as its span needs. */
public final class TimeAxis {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

    private TimeAxis() {
    }

    /** An axis whose bounds the caller sets (no auto-ranging). */
    public static NumberAxis create() {
        NumberAxis x = new NumberAxis();
        x.setAutoRanging(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number millis) {
                double span = x.getUpperBound() - x.getLowerBound();
                DateTimeFormatter format = span <= 10 * 60_000 ? SECONDS : span > 24 * 3_600_000 ? DAYS : MINUTES;
                return format.format(Instant.ofEpochMilli(millis.longValue()));
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        return x;
    }
}
