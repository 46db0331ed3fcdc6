package io.runplane.agent.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.runplane.agent.cluster.ClusterFiles;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.Pod;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestRendererTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyObjectIsItsOwnDocumentStartedByADocumentMarker() throws Exception {
        Workload w = Workload.newBuilder().setUuid("u-1").setPriority(50)
                .setSpec(WorkloadSpec.newBuilder().setProject("vision").setName("ddp").setImage("img:1")
                        .setType(WorkloadType.WORKLOAD_TYPE_DISTRIBUTED)
                        .setCompute(ComputeRequest.newBuilder().setGpuDevices(2).setCpuMillis(500)))
                .addPods(Pod.newBuilder().setName("ddp-0").setIndex(0).addContainers("ddp"))
                .addPods(Pod.newBuilder().setName("ddp-1").setIndex(1).addContainers("ddp"))
                .build();

        String manifest = new ManifestRenderer(ClusterFiles.parse(ClusterFiles.defaultText())).render(w);

        assertThat(manifest).startsWith("---\n").doesNotContain("...");
        String[] documents = manifest.substring("---\n".length()).split("(?m)^---\n");
        List<String> objects = new ArrayList<>();
        for (String document : documents) {
            JsonNode object = YAML.readTree(document);
            objects.add(object.path("kind").asText() + " " + object.path("metadata").path("name").asText());
        }
        assertThat(objects).containsExactly("DistributedWorkload ddp", "PodGroup pg-ddp", "Pod ddp-0", "Pod ddp-1");
        assertThat(YAML.readTree(documents[3]).at("/metadata/labels/runplane.io~1pod-index").asText()).isEqualTo("1");
    }
}
