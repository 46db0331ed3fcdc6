package io.runplane.agent.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Issues a new bearer token to a user or application of an identity file, registering it when new.
 * Only the token's SHA-256 is stored; the token itself is returned once, to be handed over.
 */
public final class TokenIssuer {

    private TokenIssuer() {
    }

    /** A new token for user {@code name}; {@code groups} are added to the ones it has. */
    public static String issueToUser(Path identityFile, String name, List<String> groups)
            throws IOException, IdentityFileException {
        requireName(name);
        IdentityFile identities = read(identityFile);
        String token = Tokens.newToken();
        List<IdentityFile.User> users = new ArrayList<>();
        boolean known = false;
        for (IdentityFile.User user : identities.users()) {
            if (user.name().equals(name)) {
                Set<String> allGroups = new LinkedHashSet<>(user.groups());
                allGroups.addAll(groups);
                users.add(new IdentityFile.User(name, List.copyOf(allGroups), plus(user.tokenSha256(), token)));
                known = true;
            } else {
                users.add(user);
            }
        }
        if (!known) {
            users.add(new IdentityFile.User(name, groups, List.of(Tokens.sha256(token))));
        }
        IdentityFiles.write(identityFile, new IdentityFile(users, identities.applications()));
        return token;
    }

    /** A new token for application {@code name}. */
    public static String issueToApplication(Path identityFile, String name) throws IOException, IdentityFileException {
        requireName(name);
        IdentityFile identities = read(identityFile);
        String token = Tokens.newToken();
        List<IdentityFile.Application> applications = new ArrayList<>();
        boolean known = false;
        for (IdentityFile.Application application : identities.applications()) {
            if (application.name().equals(name)) {
                applications.add(new IdentityFile.Application(name, plus(application.tokenSha256(), token)));
                known = true;
            } else {
                applications.add(application);
            }
        }
        if (!known) {
            applications.add(new IdentityFile.Application(name, List.of(Tokens.sha256(token))));
        }
        IdentityFiles.write(identityFile, new IdentityFile(identities.users(), applications));
        return token;
    }

    private static IdentityFile read(Path identityFile) throws IdentityFileException {
        return Files.exists(identityFile) ? IdentityFiles.read(identityFile) : new IdentityFile(List.of(), List.of());
    }

    private static List<String> plus(List<String> hashes, String token) {
        List<String> all = new ArrayList<>(hashes);
        all.add(Tokens.sha256(token));
        return all;
    }

    private static void requireName(String name) {
        if (name.isBlank() || !name.strip().equals(name) || name.length() > 253) {
            throw new IllegalArgumentException("name: must be 1 to 253 characters without surrounding spaces, got \"" + name + "\"");
        }
    }
}
