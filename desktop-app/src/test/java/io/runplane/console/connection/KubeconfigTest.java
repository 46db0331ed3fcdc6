package io.runplane.console.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultFileIsTheFirstOfKubeconfigElseTheOneInHome() {
        Path home = Path.of("home", "alice");

        assertThat(Kubeconfig.defaultFile(Map.of(), home)).isEqualTo(home.resolve(".kube").resolve("config"));
        assertThat(Kubeconfig.defaultFile(Map.of("KUBECONFIG", "a.yaml" + File.pathSeparator + "b.yaml"), home))
                .isEqualTo(Path.of("a.yaml"));
    }

    @Test
    void listsTheContextsAndTheCurrentOne() throws Exception {
        Path file = Kubeconfigs.write(dir, "https://127.0.0.1:6443");

        Kubeconfig config = Kubeconfig.read(file);

        assertThat(config.contexts()).containsExactly("lab", "prod");
        assertThat(config.currentContext()).contains("prod");
        assertThat(config.requireContext("lab")).isSameAs(config);
    }

    @Test
    void aCurrentContextThatIsNotInTheFileIsNone() throws Exception {
        Path file = Files.writeString(dir.resolve("config"), Files.readString(Kubeconfigs.write(dir, "https://k:6443"))
                .replace("current-context: prod", "current-context: gone"));

        assertThat(Kubeconfig.read(file).currentContext()).isEqualTo(Optional.empty());
    }

    @Test
    void badFilesAndUnknownContextsAreNamed() throws Exception {
        Path missing = dir.resolve("nope");
        Path garbage = Files.writeString(dir.resolve("garbage"), "clusters: [unclosed\n");
        Path empty = Files.writeString(dir.resolve("empty"), "apiVersion: v1\nkind: Config\n");
        Path file = Kubeconfigs.write(dir, "https://127.0.0.1:6443");

        assertThatThrownBy(() -> Kubeconfig.read(missing))
                .hasMessage("Kubeconfig: " + missing + " does not exist or cannot be read");
        assertThatThrownBy(() -> Kubeconfig.read(garbage)).hasMessageStartingWith("Kubeconfig: " + garbage + " is not a kubeconfig file");
        assertThatThrownBy(() -> Kubeconfig.read(empty)).hasMessage("Kubeconfig: " + empty + " has no contexts");
        assertThatThrownBy(() -> Kubeconfig.read(file).requireContext("staging"))
                .hasMessage("Context: " + file + " has no context 'staging' (it has lab, prod)");
    }
}
