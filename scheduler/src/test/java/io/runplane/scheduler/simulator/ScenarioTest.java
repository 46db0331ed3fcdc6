package io.runplane.scheduler.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs every scenario under {@code scenarios/} through the simulator's command line and checks the
 * JSON against the scenario's {@code .expected.yaml}: every field given there must match (workloads
 * and queues by name, lists element by element, numbers to 1e-6, a {@code pendingReason} as a
 * substring of the actual reason).
 */
class ScenarioTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    static Stream<String> scenarios() throws IOException, URISyntaxException {
        Path dir = Path.of(ScenarioTest.class.getResource("/scenarios").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.endsWith(".expected.yaml"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenarioMeetsItsExpectations(String scenario) throws Exception {
        Path dir = Path.of(ScenarioTest.class.getResource("/scenarios").toURI());
        Path expectedFile = dir.resolve(scenario.replace(".yaml", ".expected.yaml"));
        assertThat(expectedFile).as("expectations for " + scenario).exists();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SimulatorMain.run(new String[] {dir.resolve(scenario).toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode actual = byName(JSON.readTree(out.toString(StandardCharsets.UTF_8)));
        JsonNode expected = YAML.readTree(expectedFile.toFile());
        List<String> mismatches = new ArrayList<>();
        compare("", expected, actual, mismatches);
        if (!mismatches.isEmpty()) {
            fail(String.join("\n", mismatches) + "\n\nactual output:\n" + out.toString(StandardCharsets.UTF_8));
        }
    }

    /** Turns the workloads and queues lists into objects keyed by name. */
    private static JsonNode byName(JsonNode report) {
        ObjectNode copy = report.deepCopy();
        for (String list : List.of("workloads", "queues")) {
            ObjectNode keyed = JSON.createObjectNode();
            for (JsonNode item : report.get(list)) {
                keyed.set(item.get("name").asText(), item);
            }
            copy.set(list, keyed);
        }
        return copy;
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> mismatches) {
        if (actual == null || actual.isMissingNode()) {
            mismatches.add(path + ": missing, expected " + expected);
            return;
        }
        if (expected.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String fieldPath = path + "." + field.getKey();
                JsonNode actualField = actual.get(field.getKey());
                if (field.getKey().equals("pendingReason")) {
                    if (actualField == null || !actualField.asText().contains(field.getValue().asText())) {
                        mismatches.add(fieldPath + ": expected to contain \"" + field.getValue().asText() + "\" but was "
                                + actualField);
                    }
                } else if (field.getValue().isNull()) {
                    if (actualField != null && !actualField.isNull()) {
                        mismatches.add(fieldPath + ": expected null but was " + actualField);
                    }
                } else {
                    compare(fieldPath, field.getValue(), actualField, mismatches);
                }
            }
        } else if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                mismatches.add(path + ": expected " + expected + " but was " + actual);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), mismatches);
            }
        } else if (expected.isNumber()) {
            if (!actual.isNumber() || Math.abs(expected.asDouble() - actual.asDouble()) > 1e-6) {
                mismatches.add(path + ": expected " + expected + " but was " + actual);
            }
        } else if (!expected.asText().equals(actual.asText())) {
            mismatches.add(path + ": expected " + expected + " but was " + actual);
        }
    }
}
