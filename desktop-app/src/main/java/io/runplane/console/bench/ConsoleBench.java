package io.runplane.console.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code runplane-console bench}: opens the real console window against a {@link SyntheticAgent}
 * holding N workloads whose statuses change at a fixed rate over the gRPC watch, exercises the table
 * (scrolls and sorts) while measuring how long the FX thread keeps work waiting, and prints the
 * figures as one JSON document.
 */
public final class ConsoleBench {

    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(5);

    private ConsoleBench() {
    }

    /** Runs the benchmark; returns the process exit code (0 done, 2 bad arguments, 1 failed). */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (BenchOptions.HelpRequested help) {
            out.print(BenchOptions.USAGE);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("runplane-console bench: " + e.getMessage());
            err.print(BenchOptions.USAGE);
            return 2;
        }
        Path dataDir = null;
        try {
            dataDir = Files.createTempDirectory("runplane-console-bench");
            out.println(measure(options, dataDir));
            return 0;
        } catch (Exception e) {
            err.println("runplane-console bench: failed: " + e);
            return 1;
        } finally {
            deleteQuietly(dataDir);
        }
    }

    private static String measure(BenchOptions options, Path dataDir) throws Exception {
        try (SyntheticAgent agent = new SyntheticAgent();
             FxStallProbe probe = new FxStallProbe();
             HeapWatch heap = new HeapWatch()) {
            ConsoleWindow window = ConsoleWindow.open(agent.port(), dataDir, options.workloads(), probe::start);
            try (window) {
                SyntheticFleet fleet = new SyntheticFleet(options.workloads(), 1);
                agent.serve(fleet);
                long firstFrame = window.firstFrameMillis(LOAD_TIMEOUT);
                long connected = window.connectedMillis(LOAD_TIMEOUT);
                long tableLoaded = window.tableLoadedMillis(LOAD_TIMEOUT);
                Durations.Summary loading = probe.drain();
                String stallsWhileLoading = probe.drainStalls();
                double loadingCpu = probe.drainFxCpuMillis();
                try (TableExercise exercise = new TableExercise(window.table())) {
                    agent.startChanges(options.changesPerSecond());
                    exercise.start();
                    Thread.sleep(Duration.ofSeconds(options.seconds()));
                    exercise.close();
                    Durations.Summary steady = probe.drain();
                    String steadyStalls = probe.drainStalls();
                    double steadyCpu = probe.drainFxCpuMillis();
                    double rate = agent.achievedRate();
                    long sent = agent.changesSent();
                    Durations.Summary sorts = exercise.sorts();
                    Durations.Summary scrolls = exercise.scrolls();
                    Durations.Summary sortsCpu = exercise.sortsCpu();
                    Durations.Summary scrollsCpu = exercise.scrollsCpu();
                    double peakAfterGc = heap.peakAfterGcMiB();
                    long collections = heap.collections();
                    long applied = window.revision();
                    double live = HeapWatch.liveMiB();
                    return String.format(Locale.ROOT, """
                                    {
                                      "workloads": %d,
                                      "changesPerSecondOffered": %d,
                                      "changesPerSecondSent": %.1f,
                                      "changesSent": %d,
                                      "revisionSent": %d,
                                      "revisionApplied": %d,
                                      "seconds": %d,
                                      "snapshotBytes": %d,
                                      "startup": {"windowShownMillis": %d, "firstFrameMillis": %d, "connectedMillis": %d, "tableLoadedMillis": %d},
                                      "fxThreadWaitWhileLoading": %s,
                                      "longestWaitsWhileLoading": %s,
                                      "fxThreadCpuMillisWhileLoading": %.0f,
                                      "fxThreadWait": %s,
                                      "longestWaits": %s,
                                      "fxThreadCpuMillis": %.0f,
                                      "sort": %s,
                                      "scroll": %s,
                                      "sortFxCpu": %s,
                                      "scrollFxCpu": %s,
                                      "heap": {"peakAfterGcMiB": %.1f, "liveAtEndMiB": %.1f, "maxMiB": %.1f, "collections": %d}
                                    }""",
                            options.workloads(), options.changesPerSecond(), rate, sent, fleet.revision(), applied,
                            options.seconds(), agent.snapshotBytes(), window.shownMillis(), firstFrame, connected, tableLoaded,
                            loading.json(), stallsWhileLoading, loadingCpu, steady.json(), steadyStalls, steadyCpu, sorts.json(),
                            scrolls.json(), sortsCpu.json(), scrollsCpu.json(), peakAfterGc, live, HeapWatch.maxMiB(),
                            collections);
                }
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
