package io.runplane.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PulseBatcherTest {

    @Test
    void manyItemsBeforeThePulseBecomeOnePost() {
        List<Runnable> posted = new ArrayList<>();
        UiThread queued = new UiThread() {
            @Override
            public void post(Runnable action) {
                posted.add(action);
            }

            @Override
            public boolean isCurrent() {
                return false;
            }
        };
        List<List<Integer>> batches = new ArrayList<>();
        PulseBatcher<Integer> batcher = new PulseBatcher<>(queued, batches::add);
        for (int i = 0; i < 1000; i++) {
            batcher.offer(i);
        }
        assertThat(posted).hasSize(1);
        posted.getFirst().run();
        assertThat(batches).hasSize(1);
        assertThat(batches.getFirst()).hasSize(1000).startsWith(0, 1, 2).endsWith(999);

        batcher.offer(1000);
        assertThat(posted).hasSize(2);
    }
}
