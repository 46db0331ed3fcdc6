package io.runplane.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.policy.FieldCatalogue;
import io.runplane.policy.FieldDefinition;
import io.runplane.policy.WorkloadKind;
import io.runplane.policy.WorkloadPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/policies.md stays true: its examples read, and it documents every field path. */
class PolicyDocsTest {

    private static final Path DOC = Path.of("..", "docs", "policies.md");

    @Test
    void everyFieldPathIsDocumentedWithItsType() throws IOException {
        String doc = Files.readString(DOC);

        for (FieldDefinition field : FieldCatalogue.fields()) {
            assertThat(doc).as(field.path()).containsPattern(
                    "\\| `" + Pattern.quote(field.path()) + "` \\| " + field.type().displayName());
        }
    }

    @Test
    void theYamlExamplesRead() throws IOException, ManifestException {
        List<String> blocks = yamlBlocks(Files.readString(DOC));

        WorkloadPolicy example = PolicyManifests.read("example", blocks.get(0)).getFirst();
        WorkloadManifest workload = WorkloadManifests.read("workload", blocks.get(1));
        WorkloadPolicy legacy = PolicyManifests.read("legacy", blocks.get(2)).getFirst();

        assertThat(example.kind()).isEqualTo(WorkloadKind.TRAINING);
        assertThat(example.rules()).containsKeys("compute.cpuCoreRequest", "environmentVariables");
        assertThat(workload.project()).isEqualTo("team-a");
        assertThat(legacy.defaults()).containsKeys("compute.gpuDevicesRequest", "environmentVariables");
    }

    private static List<String> yamlBlocks(String doc) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
