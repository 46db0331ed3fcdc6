package io.runplane.console.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.api.v1.WorkloadEvent;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.console.FakeRunplaneClient;
import io.runplane.console.Workloads;
import io.runplane.console.app.Background;
import io.runplane.console.app.UiThread;
import org.junit.jupiter.api.Test;

class EventsViewModelTest {

    @Test
    void followsTheSelectedWorkloadsEventsAndFilters() {
        FakeRunplaneClient client = new FakeRunplaneClient();
        try (Background background = Background.inline(UiThread.callingThread())) {
            EventsViewModel events = new EventsViewModel(client, background);
            events.show(Workloads.workload("team-a", "alpha", WorkloadStatus.WORKLOAD_STATUS_RUNNING, 1, 1));
            assertThat(client.eventStreams.getLast().request().getFollow()).isTrue();
            var listener = client.eventStreams.getLast().listener();
            listener.onNext(WorkloadEvent.newBuilder().setType("Normal").setReason("Scheduled").setMessage("on node a").build());
            listener.onNext(WorkloadEvent.newBuilder().setType("Warning").setReason("Unschedulable").setMessage("no free GPU").build());
            assertThat(events.events()).hasSize(2);

            events.typeProperty().set(EventsViewModel.TypeFilter.WARNING);
            assertThat(events.events()).extracting(WorkloadEvent::getReason).containsExactly("Unschedulable");
            events.typeProperty().set(EventsViewModel.TypeFilter.ALL);
            events.searchProperty().set("NODE A");
            assertThat(events.events()).extracting(WorkloadEvent::getReason).containsExactly("Scheduled");

            events.show(Workloads.workload("team-a", "beta", WorkloadStatus.WORKLOAD_STATUS_RUNNING, 1, 1));
            assertThat(client.eventStreams.getFirst().isCancelled()).isTrue();
            assertThat(events.allEvents()).isEmpty();
            listener.onNext(WorkloadEvent.newBuilder().setReason("Late").build());
            assertThat(events.allEvents()).isEmpty();
            events.close();
        }
    }
}
