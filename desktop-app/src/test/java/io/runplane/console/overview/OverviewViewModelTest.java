package io.runplane.console.overview;

import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.api.v1.OverviewResponse;
import io.runplane.api.v1.PoolQuota;
import io.runplane.api.v1.Project;
import io.runplane.api.v1.Resources;
import io.runplane.console.FakeRunplaneClient;
import io.runplane.console.app.Background;
import io.runplane.console.app.UiThread;
import org.junit.jupiter.api.Test;

class OverviewViewModelTest {

    private static Project project(String name, double allocated, double... quotas) {
        Project.Builder p = Project.newBuilder().setName(name).setDepartment("research")
                .setAllocated(Resources.newBuilder().setGpu(allocated));
        for (double q : quotas) {
            p.addQuotas(PoolQuota.newBuilder().setDeserved(Resources.newBuilder().setGpu(q)));
        }
        return p.build();
    }

    @Test
    void summarizesTheClusterAndEachProjectAgainstItsQuota() {
        FakeRunplaneClient client = new FakeRunplaneClient();
        client.overview = OverviewResponse.newBuilder().setTotalGpus(32).setAllocatedGpus(10.5).setNodes(4)
                .setRunningWorkloads(3).setPendingWorkloads(2)
                .addProjects(project("vision", 12, 4, 4))
                .addProjects(project("nlp", 2, 8))
                .addProjects(project("free", 1, -1))
                .build();
        try (Background background = Background.inline(UiThread.callingThread())) {
            OverviewViewModel overview = new OverviewViewModel(client, background);
            overview.refresh();
            assertThat(overview.totalGpusProperty().get()).isEqualTo(32);
            assertThat(overview.allocatedGpusProperty().get()).isEqualTo(10.5);
            assertThat(overview.pendingProperty().get()).isEqualTo(2);
            assertThat(overview.projects()).extracting(OverviewViewModel.ProjectAllocation::project)
                    .containsExactly("free", "nlp", "vision");
            assertThat(overview.projects().get(2).quotaGpus()).isEqualTo(8);
            assertThat(overview.projects().get(2).ratio()).isEqualTo(1.5);
            assertThat(overview.projects().get(1).ratio()).isEqualTo(0.25);
            assertThat(overview.projects().get(0).quotaGpus()).isEqualTo(-1);
        }
    }
}
