package io.runplane.agent.loadtest;

import com.google.protobuf.CodedInputStream;
import io.runplane.api.v1.WatchWorkloadsResponse;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadDelta;
import io.runplane.api.v1.WorkloadDeltaBatch;
import io.runplane.api.v1.WorkloadSnapshot;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WatchedNamesTest {

    private static Workload workload(String name) {
        return Workload.newBuilder().setUuid("uuid-" + name).setRevision(7).setStatus(WorkloadStatus.WORKLOAD_STATUS_PENDING)
                .setSpec(WorkloadSpec.newBuilder().setProject("vision").setName(name).setImage("pytorch")).build();
    }

    private static WatchedNames read(WatchWorkloadsResponse response) throws IOException {
        return WatchedNames.parse(CodedInputStream.newInstance(response.toByteArray()));
    }

    @Test
    void readsTheNameOfAnUpsertedWorkload() throws IOException {
        WatchedNames names = read(WatchWorkloadsResponse.newBuilder().setRevision(12)
                .setDelta(WorkloadDelta.newBuilder().setKind(WorkloadDelta.Kind.KIND_UPSERTED).setWorkload(workload("lt-3"))).build());

        assertThat(names).isEqualTo(new WatchedNames(false, List.of("lt-3")));
    }

    @Test
    void aDeletedWorkloadIsNotDelivered() throws IOException {
        WatchedNames names = read(WatchWorkloadsResponse.newBuilder().setRevision(12)
                .setDelta(WorkloadDelta.newBuilder().setKind(WorkloadDelta.Kind.KIND_DELETED).setWorkload(workload("lt-3"))).build());

        assertThat(names.snapshot()).isFalse();
        assertThat(names.names()).isEmpty();
    }

    @Test
    void readsTheUpsertedNamesOfABatchInOrder() throws IOException {
        WatchedNames names = read(WatchWorkloadsResponse.newBuilder().setRevision(14)
                .setBatch(WorkloadDeltaBatch.newBuilder()
                        .addDeltas(WorkloadDelta.newBuilder().setKind(WorkloadDelta.Kind.KIND_UPSERTED).setWorkload(workload("lt-4")))
                        .addDeltas(WorkloadDelta.newBuilder().setKind(WorkloadDelta.Kind.KIND_DELETED).setWorkload(workload("lt-1")))
                        .addDeltas(WorkloadDelta.newBuilder().setKind(WorkloadDelta.Kind.KIND_UPSERTED).setWorkload(workload("lt-5"))))
                .build());

        assertThat(names).isEqualTo(new WatchedNames(false, List.of("lt-4", "lt-5")));
    }

    @Test
    void readsEveryNameOfASnapshot() throws IOException {
        WatchedNames names = read(WatchWorkloadsResponse.newBuilder().setRevision(3)
                .setSnapshot(WorkloadSnapshot.newBuilder().addWorkloads(workload("a")).addWorkloads(workload("b")).setResync(true)).build());

        assertThat(names.snapshot()).isTrue();
        assertThat(names.names()).containsExactly("a", "b");
    }
}
