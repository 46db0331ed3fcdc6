package io.runplane.agent.auth;

import io.runplane.access.Identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Maps a bearer token to the identity it belongs to, comparing digests in constant time. */
public final class TokenAuthenticator implements Authenticator {

    private record Entry(byte[] digest, Identity identity) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public TokenAuthenticator(IdentityFile identities) {
        for (IdentityFile.User user : identities.users()) {
            Identity identity = new Identity(user.name(), Set.copyOf(user.groups()), false);
            user.tokenSha256().forEach(hash -> entries.add(new Entry(bytes(hash), identity)));
        }
        for (IdentityFile.Application app : identities.applications()) {
            Identity identity = Identity.application(app.name());
            app.tokenSha256().forEach(hash -> entries.add(new Entry(bytes(hash), identity)));
        }
    }

    @Override
    public Authentication verify(String token) {
        return authenticate(token).<Authentication>map(Accepted::new).orElseGet(() -> new Refused("unknown or revoked bearer token"));
    }

    public Optional<Identity> authenticate(String token) {
        byte[] digest = bytes(Tokens.sha256(token));
        Identity found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest, digest)) {
                found = entry.identity;
            }
        }
        return Optional.ofNullable(found);
    }

    /** {@code who} as this file describes it now (its groups may have changed), or empty if it is no longer in it. */
    @Override
    public Optional<Identity> current(Identity who) {
        for (Entry entry : entries) {
            if (entry.identity.name().equals(who.name()) && entry.identity.application() == who.application()) {
                return Optional.of(entry.identity);
            }
        }
        return Optional.empty();
    }

    private static byte[] bytes(String hex) {
        return hex.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    }
}
