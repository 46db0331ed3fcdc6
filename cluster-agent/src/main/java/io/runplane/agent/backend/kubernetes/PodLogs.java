package io.runplane.agent.backend.kubernetes;

import io.runplane.agent.backend.LogEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Lines of the pod log endpoint read with {@code timestamps=true}: {@code <RFC 3339 time> <text>}. */
final class PodLogs {

    private PodLogs() {
    }

    /** The lines written in [from, to]; a line without a readable time is kept with the previous line's time. */
    static List<LogEntry> parse(String container, String text, Instant from, Instant to) {
        List<LogEntry> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        Instant last = from;
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            Optional<Instant> time = space > 0 ? PodStatusReading.time(line.substring(0, space)) : Optional.empty();
            String body = time.isPresent() ? line.substring(space + 1) : line;
            last = time.orElse(last);
            if (!last.isBefore(from) && !last.isAfter(to)) {
                out.add(new LogEntry(container, last, body));
            }
        }
        return out;
    }
}
