package io.runplane.agent.server;

import io.runplane.api.v1.Pod;
import io.runplane.api.v1.WatchWorkloadsResponse;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadSnapshot;
import io.runplane.api.v1.WorkloadSpec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EncodedWatchTest {

    private static final Workload TRAIN = Workload.newBuilder().setUuid("u-1").setRevision(7)
            .setSpec(WorkloadSpec.newBuilder().setProject("vision").setName("train").setImage("img:1"))
            .addPods(Pod.newBuilder().setName("train-0")).build();
    private static final Workload SERVE = Workload.newBuilder().setUuid("u-2").setRevision(9)
            .setSpec(WorkloadSpec.newBuilder().setProject("nlp").setName("serve").setImage("img:2")).build();

    @Test
    void snapshotIsEncodedAsTheGeneratedCodeEncodesIt() {
        assertThat(bytes(EncodedWatch.snapshot(42, List.of(TRAIN, SERVE), true)))
                .isEqualTo(generated(42, List.of(TRAIN, SERVE), true));
        assertThat(bytes(EncodedWatch.snapshot(42, List.of(SERVE), false))).isEqualTo(generated(42, List.of(SERVE), false));
        assertThat(bytes(EncodedWatch.snapshot(0, List.of(), false))).isEqualTo(generated(0, List.of(), false));
    }

    @Test
    void watchersSnapshottingTheSameMessageShareItsBytes() {
        EncodedWatch.Frame first = EncodedWatch.snapshot(42, List.of(TRAIN), false);
        EncodedWatch.Frame second = EncodedWatch.snapshot(43, List.of(TRAIN), true);
        assertThat(second.parts().get(2)).isSameAs(first.parts().get(2));
        Workload rebuilt = TRAIN.toBuilder().build();
        assertThat(EncodedWatch.snapshot(42, List.of(rebuilt), false).parts().get(2)).isNotSameAs(first.parts().get(2));
    }

    private static byte[] generated(long revision, List<Workload> workloads, boolean resync) {
        return WatchWorkloadsResponse.newBuilder().setRevision(revision)
                .setSnapshot(WorkloadSnapshot.newBuilder().addAllWorkloads(workloads).setResync(resync)).build().toByteArray();
    }

    private static byte[] bytes(EncodedWatch.Frame frame) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frame.parts().forEach(out::writeBytes);
        assertThat(out.size()).isEqualTo(frame.length());
        return out.toByteArray();
    }
}
