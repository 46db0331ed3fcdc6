package io.runplane.console.audit;

import io.runplane.console.access.Availability;
import io.runplane.console.access.ScreenAccess;
import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.api.v1.AuditEntry;
import io.runplane.api.v1.ListAuditEntriesRequest;
import io.runplane.api.v1.ListAuditEntriesResponse;
import io.runplane.console.FakeRunplaneClient;
import io.runplane.console.app.Background;
import io.runplane.console.app.UiThread;
import io.runplane.console.client.ServiceException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditViewModelTest {

    private final FakeRunplaneClient client = new FakeRunplaneClient();
    private Background background;
    private AuditViewModel audit;

    private static AuditEntry entry(String target) {
        return AuditEntry.newBuilder().setAction("runplane.v1.Organization/CreateProject").setTarget(target).setOutcome("OK").build();
    }

    @BeforeEach
    void start() {
        background = Background.inline(UiThread.callingThread());
        audit = new AuditViewModel(client, background, ZoneOffset.UTC, ScreenAccess.unreported());
    }

    @AfterEach
    void close() {
        background.close();
    }

    @Test
    void searchesWithTheFiltersThenLoadsOlderPages() {
        client.audit = request -> request.getPageToken().isEmpty()
                ? ListAuditEntriesResponse.newBuilder().addEntries(entry("name b")).setNextPageToken("120").build()
                : ListAuditEntriesResponse.newBuilder().addEntries(entry("name a")).build();
        audit.subjectProperty().set(" alice ");
        audit.outcomeProperty().set("OK");
        audit.fromProperty().set(LocalDate.of(2026, 12, 1));
        audit.toProperty().set(LocalDate.of(2026, 12, 2));

        audit.search();

        ListAuditEntriesRequest first = client.auditRequests.getFirst();
        assertThat(first.getSubject()).isEqualTo("alice");
        assertThat(first.getOutcome()).isEqualTo("OK");
        assertThat(first.getSince().getSeconds()).isEqualTo(LocalDate.of(2026, 12, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
        assertThat(first.getUntil().getSeconds()).isEqualTo(LocalDate.of(2026, 12, 3).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
        assertThat(audit.moreProperty().get()).isTrue();
        assertThat(audit.statusProperty().get()).isEqualTo("1 newest entries shown");

        audit.loadMore();

        ListAuditEntriesRequest second = client.auditRequests.get(1);
        assertThat(second.getPageToken()).isEqualTo("120");
        assertThat(second.getSubject()).isEqualTo("alice");
        assertThat(audit.entries()).extracting(AuditEntry::getTarget).containsExactly("name b", "name a");
        assertThat(audit.moreProperty().get()).isFalse();
        assertThat(audit.statusProperty().get()).isEqualTo("2 entries");
    }

    @Test
    void aRefusedFilterIsNamedAsTheScreenLabelsIt() {
        client.failNext = new ServiceException("INVALID_ARGUMENT", "until: must be after since", List.of(
                new ServiceException.FieldViolation("until", "must be after since (2026-12-05T00:00:00Z)")), null);

        audit.search();

        assertThat(audit.statusProperty().get()).isEqualTo("To: must be after since (2026-12-05T00:00:00Z)");
        assertThat(audit.entries()).isEmpty();
    }

    @Test
    void aCallerWithoutTheAuditLogSeesTheServersMessage() {
        client.failNext = new ServiceException("PERMISSION_DENIED", "user rita may not view the audit log in the cluster");

        audit.search();

        assertThat(audit.statusProperty().get()).isEqualTo("user rita may not view the audit log in the cluster");
        assertThat(audit.viewing().get()).as("an agent that reports no permissions is trusted until it refuses")
                .isEqualTo(Availability.refused("user rita may not view the audit log in the cluster"));
        int calls = client.calls.size();
        audit.search();
        assertThat(client.calls).as("no second call once refused").hasSize(calls);
    }
}
