package io.runplane.agent.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.logging.Logger;

/**
 * The identities of {@code identities.yaml}, read again whenever the file changes, so that a user or
 * token added while the agent runs can sign in at once. A file that no longer reads keeps the
 * identities last read (the error is logged), so a typo does not lock everybody out.
 */
public final class IdentityRegistry {

    private static final Logger LOG = Logger.getLogger(IdentityRegistry.class.getName());

    private record Loaded(Object version, TokenAuthenticator authenticator) {
    }

    private final Path file;
    private volatile Loaded loaded;

    public IdentityRegistry(Path file) throws IdentityFileException {
        this.file = file;
        this.loaded = new Loaded(version(), new TokenAuthenticator(IdentityFiles.read(file)));
    }

    /** The authenticator for the file as it is now. */
    public TokenAuthenticator current() {
        Loaded last = loaded;
        Object version = version();
        if (version.equals(last.version())) {
            return last.authenticator();
        }
        synchronized (this) {
            if (!version.equals(loaded.version())) {
                try {
                    loaded = new Loaded(version, new TokenAuthenticator(IdentityFiles.read(file)));
                    LOG.info("identities reloaded from " + file);
                } catch (IdentityFileException e) {
                    LOG.warning("keeping the identities read before: " + e.getMessage());
                    loaded = new Loaded(version, loaded.authenticator());
                }
            }
            return loaded.authenticator();
        }
    }

    private Object version() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.lastModifiedTime().toString() + "/" + attributes.size() + "/" + attributes.fileKey();
        } catch (IOException e) {
            return "missing";
        }
    }
}
