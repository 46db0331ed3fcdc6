package io.runplane.agent.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalIdentityTest {

    @TempDir
    Path dataDir;

    @Test
    void firstRunCreatesTheLocalAdminAndAPrivateToken() throws Exception {
        String token = LocalIdentity.ensure(dataDir, "sam");

        IdentityFile identities = IdentityFiles.read(dataDir.resolve(LocalIdentity.IDENTITY_FILE));
        assertThat(new TokenAuthenticator(identities).authenticate(token))
                .hasValueSatisfying(id -> {
                    assertThat(id.name()).isEqualTo("sam");
                    assertThat(id.groups()).containsExactly(LocalIdentity.ADMINS_GROUP);
                });
        assertThat(Files.readString(dataDir.resolve(LocalIdentity.IDENTITY_FILE))).doesNotContain(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(LocalIdentity.TOKEN_FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void laterRunsReuseTheTokenAndKeepOtherIdentities() throws Exception {
        IdentityFiles.write(dataDir.resolve(LocalIdentity.IDENTITY_FILE), new IdentityFile(
                List.of(new IdentityFile.User("alice", List.of("ml"), List.of(Tokens.sha256("a")))),
                List.of(new IdentityFile.Application("ci-bot", List.of(Tokens.sha256("b"))))));

        String first = LocalIdentity.ensure(dataDir, "sam");
        String second = LocalIdentity.ensure(dataDir, "sam");

        assertThat(second).isEqualTo(first);
        TokenAuthenticator auth = new TokenAuthenticator(IdentityFiles.read(dataDir.resolve(LocalIdentity.IDENTITY_FILE)));
        assertThat(auth.authenticate("a")).hasValueSatisfying(id -> assertThat(id.name()).isEqualTo("alice"));
        assertThat(auth.authenticate("b")).hasValueSatisfying(id -> assertThat(id.application()).isTrue());
        assertThat(auth.authenticate(first)).hasValueSatisfying(id -> assertThat(id.name()).isEqualTo("sam"));
    }

    @Test
    void anUnknownFieldIsAnErrorNamingItsPath() throws Exception {
        Path file = dataDir.resolve("identities.yaml");
        Files.writeString(file, "users:\n  - name: alice\n    group: [ml]\n");

        assertThatThrownBy(() -> IdentityFiles.read(file))
                .isInstanceOf(IdentityFileException.class)
                .hasMessageEndingWith("users[0].group: unknown field (known: groups, name, tokenSha256)");
    }

    @Test
    void aSyntaxErrorNamesTheLine() throws Exception {
        Path file = dataDir.resolve("identities.yaml");
        Files.writeString(file, "users:\n  - name: alice\n   groups: [ml\n");

        assertThatThrownBy(() -> IdentityFiles.read(file))
                .isInstanceOf(IdentityFileException.class)
                .hasMessageContaining("line ");
    }

    @Test
    void aUserWithoutANameIsRejected() throws Exception {
        Path file = dataDir.resolve("identities.yaml");
        Files.writeString(file, "users:\n  - groups: [ml]\n");

        assertThatThrownBy(() -> IdentityFiles.read(file))
                .isInstanceOf(IdentityFileException.class)
                .hasMessageContaining("name");
    }
}
