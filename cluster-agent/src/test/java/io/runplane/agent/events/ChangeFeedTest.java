package io.runplane.agent.events;

import io.runplane.api.v1.Workload;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeFeedTest {

    private static Workload named(String name) {
        return Workload.newBuilder().setUuid(name).build();
    }

    private static void publish(ChangeFeed feed, String name) {
        feed.nextRevision();
        feed.publish(ChangeFeed.Kind.UPSERTED, named(name));
    }

    @Test
    void hasTheChangesAfterARevisionWhileTheyAreKept() {
        ChangeFeed feed = new ChangeFeed(10, 3);
        publish(feed, "a");
        publish(feed, "b");
        publish(feed, "c");

        assertThat(feed.since(11).orElseThrow()).extracting(ChangeFeed.Change::revision).containsExactly(12L, 13L);
        assertThat(feed.since(13).orElseThrow()).isEmpty();
        assertThat(feed.since(10).orElseThrow()).hasSize(3);

        publish(feed, "d");
        assertThat(feed.since(10)).as("revision 11 fell out of the kept history").isEmpty();
        assertThat(feed.since(11).orElseThrow()).extracting(c -> c.workload().getUuid()).containsExactly("b", "c", "d");
        assertThat(feed.since(99)).as("a revision from the future").isEmpty();
    }

    @Test
    void subscribersReceiveChangesUntilTheyDecline() {
        ChangeFeed feed = new ChangeFeed(0, 10);
        List<String> seen = new ArrayList<>();
        feed.subscribe(c -> seen.add(c.workload().getUuid()) && seen.size() < 2);
        publish(feed, "a");
        publish(feed, "b");
        publish(feed, "c");

        assertThat(seen).containsExactly("a", "b");
        assertThat(feed.subscribers()).isZero();
    }
}
