package io.runplane.agent.backend.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runplane.agent.backend.LaunchedPod;
import io.runplane.agent.backend.Signal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.logging.Logger;

/**
 * Measurements from Prometheus: GPU utilization and framebuffer memory from NVIDIA's DCGM exporter
 * (per node and device, so fractions sharing a device see the device), CPU and memory from the
 * kubelet's cAdvisor series of the pod. A query that fails or finds nothing is no measurement.
 */
final class PrometheusSignals {

    private static final Logger LOG = Logger.getLogger(PrometheusSignals.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    PrometheusSignals(URI base) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
    }

    OptionalDouble measure(LaunchedPod pod, String namespace, Signal signal, int gpuIndex, Instant at) {
        return query(query(pod, namespace, signal, gpuIndex), at);
    }

    static String query(LaunchedPod pod, String namespace, Signal signal, int gpuIndex) {
        String device = "{Hostname=\"" + pod.node() + "\",gpu=\"" + gpuIndex + "\"}";
        String containers = "{namespace=\"" + namespace + "\",pod=\"" + pod.name() + "\",container!=\"\"}";
        return switch (signal) {
            case GPU_UTILIZATION_PERCENT -> "avg(DCGM_FI_DEV_GPU_UTIL" + device + ")";
            case GPU_MEMORY_MIB -> "avg(DCGM_FI_DEV_FB_USED" + device + ")";
            case CPU_MILLIS -> "sum(rate(container_cpu_usage_seconds_total" + containers + "[2m])) * 1000";
            case MEMORY_MIB -> "sum(container_memory_working_set_bytes" + containers + ") / 1048576";
        };
    }

    private OptionalDouble query(String promql, Instant at) {
        URI uri = base.resolve("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&time=" + at.getEpochSecond() + "." + String.format("%03d", at.getNano() / 1_000_000));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.fine(() -> "Prometheus answered " + response.statusCode() + " to " + promql);
                return OptionalDouble.empty();
            }
            JsonNode result = JSON.readTree(response.body()).path("data").path("result");
            if (!result.isArray() || result.isEmpty()) {
                return OptionalDouble.empty();
            }
            double value = Double.parseDouble(result.get(0).path("value").path(1).asText("NaN"));
            return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
        } catch (IOException | NumberFormatException e) {
            LOG.fine(() -> "Prometheus query failed: " + e.getMessage());
            return OptionalDouble.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
    }
}
