package io.runplane.agent.events;

import io.runplane.api.v1.Workload;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeFeedTest {

    private static Workload named(String name) {
        return Workload.newBuilder().setUuid(name).build();
    }

    private static void publish(ChangeFeed feed, String name) {
        feed.publish(feed.nextRevision(), ChangeFeed.Kind.UPSERTED, named(name));
    }

    /** Collects what it is given, {@code batchLimit} changes at most at once; declines after {@code limit} changes. */
    private static class Collector implements ChangeFeed.Subscriber {
        final List<String> seen = new CopyOnWriteArrayList<>();
        /** The size of each batch it was handed. */
        final List<Integer> batches = new CopyOnWriteArrayList<>();
        int batchLimit = 1;
        final AtomicBoolean lagged = new AtomicBoolean();
        /** Whether the subscriber's stream can take a change now. */
        final AtomicBoolean ready = new AtomicBoolean(true);
        private final int limit;

        Collector(int limit) {
            this.limit = limit;
        }

        @Override
        public boolean accept(List<ChangeFeed.Change> changes) {
            batches.add(changes.size());
            for (ChangeFeed.Change change : changes) {
                if (!take(change)) {
                    return false;
                }
            }
            return true;
        }

        boolean take(ChangeFeed.Change change) {
            seen.add(change.workload().getUuid());
            return seen.size() < limit;
        }

        @Override
        public int batchLimit() {
            return batchLimit;
        }

        @Override
        public void lagged() {
            lagged.set(true);
        }

        @Override
        public boolean ready() {
            return ready.get();
        }
    }

    @Test
    void hasTheChangesAfterARevisionWhileTheyAreKept() {
        ChangeFeed feed = new ChangeFeed(10, 3, 100, Runnable::run);
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
        ChangeFeed feed = new ChangeFeed(0, 10, 100, Runnable::run);
        Collector collector = new Collector(2);
        feed.subscribe(0, collector).orElseThrow();
        publish(feed, "a");
        publish(feed, "b");
        publish(feed, "c");

        assertThat(collector.seen).containsExactly("a", "b");
        assertThat(feed.subscribers()).isZero();
    }

    @Test
    void aSubscriptionStartsWithTheKeptChangesAndSkipsThoseItAlreadyHas() {
        ChangeFeed feed = new ChangeFeed(0, 10, 100, Runnable::run);
        publish(feed, "a");
        publish(feed, "b");
        Collector resumed = new Collector(100);
        feed.subscribe(1, resumed).orElseThrow();
        long made = feed.nextRevision();
        Collector fromSnapshot = new Collector(100);
        feed.subscribe(made, fromSnapshot).orElseThrow();
        feed.publish(made, ChangeFeed.Kind.UPSERTED, named("c"));
        publish(feed, "d");

        assertThat(resumed.seen).containsExactly("b", "c", "d");
        assertThat(fromSnapshot.seen).as("c was made before its snapshot was taken").containsExactly("d");
    }

    @Test
    void aSubscriberThatIsNotReadyKeepsItsChangesUntilItResumes() {
        ChangeFeed feed = new ChangeFeed(0, 10, 100, Runnable::run);
        Collector collector = new Collector(100);
        collector.ready.set(false);
        ChangeFeed.Subscription subscription = feed.subscribe(0, collector).orElseThrow();
        publish(feed, "a");
        publish(feed, "b");
        assertThat(collector.seen).isEmpty();

        collector.ready.set(true);
        subscription.resume();
        publish(feed, "c");

        assertThat(collector.seen).containsExactly("a", "b", "c");
        assertThat(collector.lagged).isFalse();
    }

    @Test
    void aSubscriberIsHandedWhatQueuedWhileItWasNotReadyInBatchesOfItsLimit() {
        ChangeFeed feed = new ChangeFeed(0, 10, 100, Runnable::run);
        Collector collector = new Collector(100);
        collector.batchLimit = 3;
        collector.ready.set(false);
        ChangeFeed.Subscription subscription = feed.subscribe(0, collector).orElseThrow();
        for (String name : List.of("a", "b", "c", "d", "e", "f", "g")) {
            publish(feed, name);
        }
        assertThat(collector.batches).isEmpty();

        collector.ready.set(true);
        subscription.resume();
        publish(feed, "h");

        assertThat(collector.seen).containsExactly("a", "b", "c", "d", "e", "f", "g", "h");
        assertThat(collector.batches).as("the queued seven in batches of at most three, then h as it came").containsExactly(3, 3, 1, 1);
    }

    @Test
    void aSubscriberThatDeclinesMidBatchGetsNothingMore() {
        ChangeFeed feed = new ChangeFeed(0, 10, 100, Runnable::run);
        Collector collector = new Collector(2);
        collector.batchLimit = 10;
        collector.ready.set(false);
        ChangeFeed.Subscription subscription = feed.subscribe(0, collector).orElseThrow();
        publish(feed, "a");
        publish(feed, "b");
        publish(feed, "c");

        collector.ready.set(true);
        subscription.resume();
        publish(feed, "d");

        assertThat(collector.seen).containsExactly("a", "b");
        assertThat(collector.batches).containsExactly(3);
        assertThat(feed.subscribers()).isZero();
    }

    @Test
    void aLaggingSubscriberGetsOnlyTheLatestQueuedChangeOfEachWorkloadInRevisionOrder() {
        ChangeFeed feed = new ChangeFeed(0, 1000, 1000, Runnable::run);
        List<ChangeFeed.Change> delivered = new ArrayList<>();
        Collector collector = new Collector(1000) {
            @Override
            boolean take(ChangeFeed.Change change) {
                delivered.add(change);
                return super.take(change);
            }
        };
        collector.ready.set(false);
        ChangeFeed.Subscription subscription = feed.subscribe(0, collector).orElseThrow();
        int rounds = ChangeFeed.COALESCE_BEHIND;
        for (int round = 0; round < rounds; round++) {
            publish(feed, "a");
            publish(feed, "b");
        }
        publish(feed, "c");
        publish(feed, "a");

        collector.ready.set(true);
        subscription.resume();

        assertThat(collector.seen).as("b's and c's latest, then a's, which changed last").containsExactly("b", "c", "a");
        assertThat(delivered).extracting(ChangeFeed.Change::revision).containsExactly(2L * rounds, 2L * rounds + 1, 2L * rounds + 2);
        publish(feed, "b");
        assertThat(collector.seen).as("a subscriber that keeps up gets every change").containsExactly("b", "c", "a", "b");
    }

    @Test
    void aSubscriberFewChangesBehindGetsEveryChange() {
        ChangeFeed feed = new ChangeFeed(0, 100, 100, Runnable::run);
        Collector collector = new Collector(100);
        collector.ready.set(false);
        ChangeFeed.Subscription subscription = feed.subscribe(0, collector).orElseThrow();
        publish(feed, "a");
        publish(feed, "a");
        publish(feed, "b");

        collector.ready.set(true);
        subscription.resume();

        assertThat(collector.seen).containsExactly("a", "a", "b");
    }

    @Test
    void supersededChangesDoNotCountAgainstTheBuffer() {
        ChangeFeed feed = new ChangeFeed(0, 10, ChangeFeed.COALESCE_BEHIND + 8, Runnable::run);
        Collector collector = new Collector(100);
        collector.ready.set(false);
        feed.subscribe(0, collector).orElseThrow();
        for (int i = 0; i < 50; i++) {
            publish(feed, "a");
            publish(feed, "b");
        }

        assertThat(collector.lagged).as("only two workloads changed").isFalse();
        assertThat(feed.subscribers()).isEqualTo(1);
    }

    @Test
    void aSlowSubscriberIsToldItLaggedWhileTheOthersGetEveryChange() throws Exception {
        ExecutorService delivery = Executors.newVirtualThreadPerTaskExecutor();
        ChangeFeed feed = new ChangeFeed(0, 10, 5, delivery);
        CountDownLatch release = new CountDownLatch(1);
        Collector fast = new Collector(1000);
        Collector slow = new Collector(1000) {
            @Override
            boolean take(ChangeFeed.Change change) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.take(change);
            }
        };
        feed.subscribe(0, slow).orElseThrow();
        feed.subscribe(0, fast).orElseThrow();

        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            names.add("w" + i);
            publish(feed, "w" + i);
            awaitSize(fast.seen, i + 1);
        }
        release.countDown();
        awaitTrue(slow.lagged);

        assertThat(fast.seen).containsExactlyElementsOf(names);
        assertThat(fast.lagged).isFalse();
        assertThat(slow.lagged).isTrue();
        assertThat(slow.seen.size()).isLessThan(20);
        assertThat(feed.subscribers()).as("the slow one is dropped").isEqualTo(1);
        delivery.close();
    }

    private static void awaitSize(List<String> list, int size) throws InterruptedException {
        awaitUntil(() -> list.size() >= size);
    }

    private static void awaitTrue(AtomicBoolean flag) throws InterruptedException {
        awaitUntil(flag::get);
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
