package io.runplane.agent;

import io.runplane.agent.auth.LocalIdentity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The agent jar running as a separate process, for tests that kill it. */
final class AgentProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    final Process process;
    final int port;
    private final Path data;

    private AgentProcess(Process process, int port, Path data) {
        this.process = process;
        this.port = port;
        this.data = data;
    }

    /** A client signed in as the local user, with the token the agent wrote to its data directory. */
    AgentClient client() throws IOException {
        return new AgentClient(port, Files.readString(data.resolve(LocalIdentity.TOKEN_FILE)).strip());
    }

    static AgentProcess start(Path data, String timeScale) throws Exception {
        Path jar = Path.of("target", "runplane-agent.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the agent jar is built in the package phase: " + jar.toAbsolutePath());
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", jar.toString(),
                "--simulated", "--port", "0", "--data", data.toString(), "--time-scale", timeScale))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return Integer.parseInt(m.group(1));
                    }
                }
                throw new IllegalStateException("the agent exited before listening");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return new AgentProcess(process, port.get(60, TimeUnit.SECONDS), data);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** SIGKILL: no shutdown hook, no flushing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
