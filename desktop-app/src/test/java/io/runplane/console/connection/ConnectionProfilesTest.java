package io.runplane.console.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionProfilesTest {

    @TempDir
    Path dir;

    private static ConnectionProfile remote(String id, String name, String address) {
        return new ConnectionProfile(id, name, address, false, Optional.empty());
    }

    @Test
    void theLocalClusterComesFirstAndIsUsedWhenNothingIsSaved() {
        ConnectionProfiles profiles = ConnectionProfiles.load(dir);

        assertThat(profiles.all()).containsExactly(ConnectionProfile.LOCAL);
        assertThat(profiles.lastUsed()).isEqualTo(ConnectionProfile.LOCAL);
    }

    @Test
    void savedProfilesAndTheLastUsedOneSurviveARestart() throws Exception {
        ConnectionProfiles profiles = ConnectionProfiles.load(dir);
        ConnectionProfile prod = new ConnectionProfile("prod", "gpu-prod", "10.0.0.5:7443", true, Optional.empty());
        profiles.save(prod, Optional.of("  secret-token\n"));
        profiles.save(remote("lab", "lab", "lab-agent:7000"), Optional.of("lab-token"));
        profiles.markUsed(prod);

        ConnectionProfiles reloaded = ConnectionProfiles.load(dir);

        assertThat(reloaded.all()).containsExactly(ConnectionProfile.LOCAL, prod, remote("lab", "lab", "lab-agent:7000"));
        assertThat(reloaded.lastUsed()).isEqualTo(prod);
        assertThat(Files.readString(reloaded.tokenFile("prod"))).isEqualTo("secret-token");
        assertThat(Files.readString(dir.resolve("connection-profiles.properties"))).doesNotContain("secret-token");
    }

    @Test
    void tokensAreReadableByTheUserOnly() throws Exception {
        ConnectionProfiles profiles = ConnectionProfiles.load(dir);
        profiles.save(remote("prod", "prod", "prod:7000"), Optional.of("secret"));

        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(profiles.tokenFile("prod"))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void editingWithoutATokenKeepsTheStoredOne() throws Exception {
        ConnectionProfiles profiles = ConnectionProfiles.load(dir);
        profiles.save(remote("prod", "prod", "prod:7000"), Optional.of("first"));

        profiles.save(remote("prod", "production", "prod:7001"), Optional.of(""));

        assertThat(profiles.all()).containsExactly(ConnectionProfile.LOCAL, remote("prod", "production", "prod:7001"));
        assertThat(Files.readString(profiles.tokenFile("prod"))).isEqualTo("first");
    }

    @Test
    void badInputNamesTheFieldAndChangesNothing() {
        ConnectionProfiles profiles = ConnectionProfiles.load(dir);
        profiles.save(remote("prod", "prod", "prod:7000"), Optional.of("t"));

        assertThatThrownBy(() -> profiles.save(remote("new", "lab", "lab:7000"), Optional.empty()))
                .hasMessageStartingWith("Token:");
        assertThatThrownBy(() -> profiles.save(remote("new", "PROD", "lab:7000"), Optional.of("t")))
                .hasMessageStartingWith("Name:");
        assertThatThrownBy(() -> remote("new", "lab", "lab")).hasMessageStartingWith("Address:");
        assertThatThrownBy(() -> remote("new", "lab", "lab:http")).hasMessageStartingWith("Address:");
        assertThatThrownBy(() -> remote("new", "lab", "lab:70000")).hasMessageStartingWith("Address:");
        assertThatThrownBy(() -> remote("new", " ", "lab:7000")).hasMessageStartingWith("Name:");
        assertThatThrownBy(() -> new ConnectionProfile("new", "lab", "lab:7000", false, Optional.of(dir)))
                .hasMessageStartingWith("CA file:");

        assertThat(ConnectionProfiles.load(dir).all()).containsExactly(ConnectionProfile.LOCAL, remote("prod", "prod", "prod:7000"));
        assertThat(Files.exists(profiles.tokenFile("new"))).isFalse();
    }

    @Test
    void removingAProfileDeletesItsTokenAndFallsBackToTheLocalCluster() {
        ConnectionProfiles profiles = ConnectionProfiles.load(dir);
        ConnectionProfile prod = remote("prod", "prod", "prod:7000");
        profiles.save(prod, Optional.of("t"));
        profiles.markUsed(prod);

        profiles.remove(prod);

        ConnectionProfiles reloaded = ConnectionProfiles.load(dir);
        assertThat(reloaded.all()).containsExactly(ConnectionProfile.LOCAL);
        assertThat(reloaded.lastUsed()).isEqualTo(ConnectionProfile.LOCAL);
        assertThat(Files.exists(profiles.tokenFile("prod"))).isFalse();
        assertThatThrownBy(() -> profiles.save(ConnectionProfile.LOCAL, Optional.of("t")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
