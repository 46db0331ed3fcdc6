package io.runplane.agent.auth;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The agent's TLS identity, from a PEM certificate chain and its PEM (PKCS#8) private key. */
public final class ServerTls {

    private ServerTls() {
    }

    public static ServerCredentials fromPem(Path certificateChain, Path privateKey) {
        requireReadable("--tls-cert", certificateChain);
        requireReadable("--tls-key", privateKey);
        try {
            return TlsServerCredentials.create(certificateChain.toFile(), privateKey.toFile());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--tls-cert/--tls-key: cannot load " + certificateChain + " and "
                    + privateKey + ": " + e.getMessage(), e);
        }
    }

    private static void requireReadable(String option, Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(option + ": " + file + " does not exist or cannot be read");
        }
    }
}
