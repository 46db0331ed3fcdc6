package io.runplane.agent.auth;

import io.runplane.agent.store.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated mode's first-run identity: the local user, with a token kept in the data directory
 * (readable by that user only) so that the console on the same machine can sign in without setup.
 */
public final class LocalIdentity {

    public static final String IDENTITY_FILE = "identities.yaml";
    public static final String TOKEN_FILE = "local-token";
    public static final String ADMINS_GROUP = "runplane-admins";

    private LocalIdentity() {
    }

    /**
     * Returns the local user's token, creating it and registering the user on first use. An
     * existing identity file keeps every other user and application it lists.
     */
    public static String ensure(Path dataDir, String userName) throws IOException, IdentityFileException {
        Path tokenFile = dataDir.resolve(TOKEN_FILE);
        Path identityFile = dataDir.resolve(IDENTITY_FILE);
        IdentityFile identities = Files.exists(identityFile) ? IdentityFiles.read(identityFile)
                : new IdentityFile(List.of(), List.of());
        if (Files.exists(tokenFile)) {
            String token = Files.readString(tokenFile).trim();
            if (new TokenAuthenticator(identities).authenticate(token).isPresent()) {
                return token;
            }
        }
        String token = Tokens.newToken();
        List<IdentityFile.User> users = new ArrayList<>();
        boolean known = false;
        for (IdentityFile.User user : identities.users()) {
            if (user.name().equals(userName)) {
                List<String> hashes = new ArrayList<>(user.tokenSha256());
                hashes.add(Tokens.sha256(token));
                users.add(new IdentityFile.User(user.name(), user.groups(), hashes));
                known = true;
            } else {
                users.add(user);
            }
        }
        if (!known) {
            users.add(new IdentityFile.User(userName, List.of(ADMINS_GROUP), List.of(Tokens.sha256(token))));
        }
        Files.createDirectories(dataDir);
        IdentityFiles.write(identityFile, new IdentityFile(users, identities.applications()));
        AtomicFiles.write(tokenFile, (token + "\n").getBytes(StandardCharsets.UTF_8));
        return token;
    }
}
