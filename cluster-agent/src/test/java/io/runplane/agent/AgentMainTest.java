package io.runplane.agent;

import io.runplane.access.Identity;
import io.runplane.agent.auth.IdentityFile;
import io.runplane.agent.auth.IdentityFiles;
import io.runplane.agent.auth.LocalIdentity;
import io.runplane.agent.auth.TokenAuthenticator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AgentMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return AgentMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badArgumentsGiveAUsageErrorWithExitCodeTwo() {
        assertThat(run("--simulated", "--port", "many", "--data", "x")).isEqualTo(2);
        assertThat(err()).contains("--port needs a number").contains("Usage: runplane-agent");
    }

    @Test
    void theDataDirectoryIsRequired() {
        assertThat(run("--simulated", "--port", "0")).isEqualTo(2);
        assertThat(err()).contains("--data DIR is required");
    }

    @Test
    void unknownFlagsAndCommandsAreNamed() {
        assertThat(run("--colour")).isEqualTo(2);
        assertThat(err()).contains("unknown argument --colour");
        assertThat(run("launch")).isEqualTo(2);
        assertThat(err()).contains("unknown command launch");
    }

    @Test
    void kubernetesFlagsAreCheckedBeforeAnythingStarts(@TempDir Path dir) {
        assertThat(run("--namespace", "ml", "--data", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("--kubeconfig, --namespace and --prometheus need --kubernetes");
        assertThat(run("--kubernetes", "--time-scale", "5", "--data", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("--time-scale applies to the simulated cluster only");
        assertThat(run("--kubernetes", "--prometheus", "prometheus:9090", "--data", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("--prometheus needs an http(s) URL, got prometheus:9090");
        assertThat(run("--kubernetes", "--kubeconfig", dir.resolve("missing").toString(), "--data", dir.resolve("data").toString())).isEqualTo(1);
        assertThat(err()).contains("--kubeconfig " + dir.resolve("missing") + ": no such file");
    }

    @Test
    void helpGoesToStandardOutput() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--time-scale X");
    }

    @Test
    void policyCheckIsRoutedToThePolicyCommand() {
        assertThat(run("policy", "check")).isEqualTo(2);
        assertThat(err()).contains("usage: policy check POLICY.yaml...");
    }

    @Test
    void loadtestIsRoutedToTheLoadTest() {
        assertThat(run("loadtest", "--rate", "0")).isEqualTo(2);
        assertThat(err()).contains("--rate: must be between 1 and 1000000, got 0");
    }

    @Test
    void tlsNeedsBothTheCertificateAndTheKey() {
        assertThat(run("--simulated", "--data", "x", "--tls-cert", "agent.crt")).isEqualTo(2);
        assertThat(err()).contains("--tls-cert needs --tls-key");
    }

    @Test
    void tokenIssuesATokenThatTheIdentityFileKnowsOnlyByItsDigest(@TempDir Path data) throws Exception {
        assertThat(run("token", "--data", data.toString(), "--user", "alice", "--group", "ml-team")).isZero();
        String token = out.toString(StandardCharsets.UTF_8).strip();

        assertThat(token).matches("rp_[A-Za-z0-9_-]{43}");
        IdentityFile identities = IdentityFiles.read(data.resolve(LocalIdentity.IDENTITY_FILE));
        assertThat(new TokenAuthenticator(identities).authenticate(token)).contains(Identity.user("alice", "ml-team"));
        assertThat(Files.readString(data.resolve(LocalIdentity.IDENTITY_FILE))).doesNotContain(token);
    }

    @Test
    void tokenNamesWhatIsMissing(@TempDir Path data) {
        assertThat(run("token", "--data", data.toString())).isEqualTo(2);
        assertThat(err()).contains("give exactly one of --user NAME and --application NAME");
        assertThat(run("token", "--data", data.resolve("none").toString(), "--application", "ci")).isEqualTo(2);
        assertThat(err()).contains("no such directory");
        assertThat(run("token", "--data", data.toString(), "--application", "ci", "--group", "g")).isEqualTo(2);
        assertThat(err()).contains("--group applies to users only");
        assertThat(Files.exists(data.resolve(LocalIdentity.IDENTITY_FILE))).isFalse();
    }
}
