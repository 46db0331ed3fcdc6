package io.runplane.console.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.api.v1.LogLine;
import io.runplane.api.v1.Pod;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.console.FakeRunplaneClient;
import io.runplane.console.Workloads;
import io.runplane.console.app.Background;
import io.runplane.console.app.Notifications;
import io.runplane.console.app.UiThread;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsViewModelTest {

    @TempDir
    Path dir;

    private final FakeRunplaneClient client = new FakeRunplaneClient();
    private final UiThread ui = UiThread.callingThread();
    private final Background background = Background.inline(ui);
    private final LogsViewModel logs = new LogsViewModel(client, background, new Notifications(ui));

    @AfterEach
    void close() {
        logs.close();
        background.close();
    }

    private static Workload withPods(String name, String... pods) {
        Workload.Builder w = Workloads.workload("team-a", name, WorkloadStatus.WORKLOAD_STATUS_RUNNING, 1, 1).toBuilder();
        for (String pod : pods) {
            w.addPods(Pod.newBuilder().setName(pod));
        }
        return w.build();
    }

    private void line(String pod, String text) {
        client.logStreams.getLast().listener().onNext(LogLine.newBuilder().setPod(pod).setText(text).build());
    }

    @Test
    void followsTheSelectedWorkloadsLogs() {
        logs.show(withPods("alpha", "alpha-0"));
        assertThat(client.calls).contains("logs alpha");
        assertThat(client.logStreams.getLast().request().getFollow()).isTrue();
        line("alpha-0", "epoch 1 loss 0.9");
        line("alpha-0", "epoch 2 loss 0.5");
        assertThat(logs.lines()).containsExactly("epoch 1 loss 0.9", "epoch 2 loss 0.5");
    }

    @Test
    void theSameWorkloadKeepsItsStreamAndANewOneReplacesIt() {
        logs.show(withPods("alpha", "alpha-0"));
        line("alpha-0", "one");
        logs.show(withPods("alpha", "alpha-0"));
        assertThat(client.logStreams).hasSize(1);
        assertThat(logs.lines()).containsExactly("one");

        var first = client.logStreams.getFirst();
        logs.show(withPods("beta", "beta-0"));
        assertThat(first.isCancelled()).isTrue();
        assertThat(logs.lines()).isEmpty();
        first.listener().onNext(LogLine.newBuilder().setText("late line of alpha").build());
        assertThat(logs.lines()).isEmpty();

        logs.show(null);
        assertThat(client.logStreams.getLast().isCancelled()).isTrue();
    }

    @Test
    void choosingAPodAsksForThatPodOnlyAndAllPodsArePrefixed() {
        logs.show(withPods("dist", "dist-master-0", "dist-worker-0"));
        assertThat(logs.pods()).containsExactly(LogsViewModel.ALL_PODS, "dist-master-0", "dist-worker-0");
        line("dist-worker-0", "hello");
        assertThat(logs.lines()).containsExactly("[dist-worker-0] hello");
        logs.podProperty().set("dist-worker-0");
        assertThat(client.calls).contains("logs dist pod dist-worker-0");
        line("dist-worker-0", "hello again");
        assertThat(logs.lines()).containsExactly("hello again");
    }

    @Test
    void searchCountsMatchingLines() {
        logs.show(withPods("alpha", "alpha-0"));
        line("alpha-0", "Epoch 1 loss 0.9");
        line("alpha-0", "saving checkpoint");
        line("alpha-0", "epoch 2 loss 0.5");
        logs.searchProperty().set("EPOCH");
        assertThat(logs.matchesProperty().get()).isEqualTo(2);
        assertThat(logs.matches("saving checkpoint")).isFalse();
        line("alpha-0", "epoch 3");
        assertThat(logs.matchesProperty().get()).isEqualTo(3);
    }

    @Test
    void keepsAtMostTheCapInMemory() {
        logs.show(withPods("alpha", "alpha-0"));
        for (int i = 0; i < LogsViewModel.MAX_LINES + 50; i++) {
            line("alpha-0", "line " + i);
        }
        assertThat(logs.lines()).hasSize(LogsViewModel.MAX_LINES);
        assertThat(logs.lines().getLast()).isEqualTo("line " + (LogsViewModel.MAX_LINES + 49));
    }

    @Test
    void downloadsTheShownLines() throws Exception {
        logs.show(withPods("alpha", "alpha-0"));
        line("alpha-0", "a");
        line("alpha-0", "b");
        Path file = dir.resolve("alpha.log");
        logs.download(file);
        assertThat(Files.readAllLines(file)).containsExactly("a", "b");
    }

    @Test
    void turningFollowOffReadsOnceWithoutFollow() {
        logs.show(withPods("alpha", "alpha-0"));
        logs.followProperty().set(false);
        assertThat(client.logStreams.getLast().request().getFollow()).isFalse();
        assertThat(client.logStreams.getFirst().isCancelled()).isTrue();
    }
}
