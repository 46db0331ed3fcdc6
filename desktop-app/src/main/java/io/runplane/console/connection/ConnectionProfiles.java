package io.runplane.console.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * The saved connection profiles, in {@code connection-profiles.properties} in the console's settings
 * directory; each remote profile's token in its own file under {@code tokens/}, readable by the
 * user only (mode 600 where the file system has POSIX permissions). The local profile is always first.
 */
public final class ConnectionProfiles {

    private static final String FILE = "connection-profiles.properties";
    private static final String LAST_USED = "last-used";

    private final Path dir;
    private final List<ConnectionProfile> remotes = new ArrayList<>();
    private String lastUsed = ConnectionProfile.LOCAL_ID;

    private ConnectionProfiles(Path dir) {
        this.dir = dir;
    }

    /** Reads the profiles saved in {@code dir}; none yet is not an error. */
    public static ConnectionProfiles load(Path dir) {
        ConnectionProfiles profiles = new ConnectionProfiles(dir);
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return profiles;
        }
        Properties values = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            values.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the connection profiles " + file + ": " + e.getMessage(), e);
        }
        for (String id : values.getProperty("profiles", "").split(",")) {
            if (id.isBlank()) {
                continue;
            }
            String prefix = "profile." + id + ".";
            String ca = values.getProperty(prefix + "ca", "");
            String kubeconfig = values.getProperty(prefix + "kubeconfig", "");
            Optional<KubeTarget> kube = kubeconfig.isBlank() ? Optional.empty() : Optional.of(new KubeTarget(
                    Path.of(kubeconfig), values.getProperty(prefix + "context", ""),
                    values.getProperty(prefix + "namespace", KubeTarget.DEFAULT_NAMESPACE),
                    values.getProperty(prefix + "service", KubeTarget.DEFAULT_SERVICE),
                    Integer.parseInt(values.getProperty(prefix + "port", Integer.toString(KubeTarget.DEFAULT_PORT)))));
            profiles.remotes.add(new ConnectionProfile(id, values.getProperty(prefix + "name", id),
                    values.getProperty(prefix + "address", ""),
                    Boolean.parseBoolean(values.getProperty(prefix + "tls", "false")),
                    ca.isBlank() ? Optional.empty() : Optional.of(Path.of(ca)), kube));
        }
        profiles.lastUsed = values.getProperty(LAST_USED, ConnectionProfile.LOCAL_ID);
        return profiles;
    }

    /** A fresh id for a profile about to be added. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public synchronized List<ConnectionProfile> all() {
        List<ConnectionProfile> all = new ArrayList<>();
        all.add(ConnectionProfile.LOCAL);
        all.addAll(remotes);
        return List.copyOf(all);
    }

    /** The profile connected to last, or the local one. */
    public synchronized ConnectionProfile lastUsed() {
        return all().stream().filter(p -> p.id().equals(lastUsed)).findFirst().orElse(ConnectionProfile.LOCAL);
    }

    public synchronized void markUsed(ConnectionProfile profile) {
        lastUsed = profile.id();
        write();
    }

    /**
     * Adds the profile, or replaces the one with its id. An empty {@code token} keeps the stored one;
     * a new remote profile must have a token (a Kubernetes context profile may use its kubeconfig
     * user's token instead). The context of a Kubernetes profile must be in its kubeconfig file.
     */
    public synchronized void save(ConnectionProfile profile, Optional<String> token) {
        if (profile.local()) {
            throw new IllegalArgumentException("the local cluster profile cannot be changed");
        }
        Optional<String> newToken = token.map(String::strip).filter(t -> !t.isEmpty());
        profile.kube().ifPresent(kube -> Kubeconfig.read(kube.kubeconfig()).requireContext(kube.context()));
        if (newToken.isEmpty() && profile.kube().isEmpty() && !Files.isRegularFile(tokenFile(profile.id()))) {
            throw new IllegalArgumentException("Token: enter the bearer token for " + profile.name());
        }
        boolean nameTaken = remotes.stream().anyMatch(p -> !p.id().equals(profile.id())
                && p.name().equalsIgnoreCase(profile.name().strip()));
        if (nameTaken || profile.name().strip().equalsIgnoreCase(ConnectionProfile.LOCAL.name())) {
            throw new IllegalArgumentException("Name: a profile named '" + profile.name().strip() + "' exists already");
        }
        newToken.ifPresent(t -> writeToken(profile.id(), t));
        int index = indexOf(profile.id());
        if (index >= 0) {
            remotes.set(index, profile);
        } else {
            remotes.add(profile);
        }
        write();
    }

    public synchronized void remove(ConnectionProfile profile) {
        int index = indexOf(profile.id());
        if (index < 0) {
            return;
        }
        remotes.remove(index);
        if (lastUsed.equals(profile.id())) {
            lastUsed = ConnectionProfile.LOCAL_ID;
        }
        write();
        try {
            Files.deleteIfExists(tokenFile(profile.id()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the token of " + profile.name() + ": " + e.getMessage(), e);
        }
    }

    /** The connector for a saved profile other than the local one. */
    public ClusterConnector connector(ConnectionProfile profile) {
        if (profile.kube().isPresent()) {
            Path file = tokenFile(profile.id());
            return new KubeClusterConnector(profile.kube().get(),
                    Files.isRegularFile(file) ? Optional.of(readToken(profile)) : Optional.empty());
        }
        return remote(profile);
    }

    /** The connector for a remote profile, signed in with its stored token. */
    public RemoteClusterConnector remote(ConnectionProfile profile) {
        ConnectionProfile.HostPort at = ConnectionProfile.HostPort.parse(profile.address());
        return new RemoteClusterConnector(at.host(), at.port(), readToken(profile), profile.transport());
    }

    Path tokenFile(String id) {
        return dir.resolve("tokens").resolve(id + ".token");
    }

    private String readToken(ConnectionProfile profile) {
        try {
            return Files.readString(tokenFile(profile.id()), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("no stored token for " + profile.name() + "; edit the profile and enter it", e);
        }
    }

    private void writeToken(String id, String token) {
        Path file = tokenFile(id);
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temp);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(temp, token, StandardCharsets.UTF_8);
            replace(temp, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the token in " + file + ": " + e.getMessage(), e);
        }
    }

    private void write() {
        Properties values = new Properties();
        values.setProperty("profiles", String.join(",", remotes.stream().map(ConnectionProfile::id).toList()));
        values.setProperty(LAST_USED, lastUsed);
        for (ConnectionProfile p : remotes) {
            String prefix = "profile." + p.id() + ".";
            values.setProperty(prefix + "name", p.name().strip());
            values.setProperty(prefix + "address", p.address().strip());
            values.setProperty(prefix + "tls", Boolean.toString(p.tls()));
            values.setProperty(prefix + "ca", p.trustedCa().map(Path::toString).orElse(""));
            p.kube().ifPresent(kube -> {
                values.setProperty(prefix + "kubeconfig", kube.kubeconfig().toString());
                values.setProperty(prefix + "context", kube.context());
                values.setProperty(prefix + "namespace", kube.namespace());
                values.setProperty(prefix + "service", kube.service());
                values.setProperty(prefix + "port", Integer.toString(kube.port()));
            });
        }
        Path file = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            Path temp = file.resolveSibling(FILE + ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                values.store(out, "Runplane console connection profiles (tokens are in tokens/)");
            }
            replace(temp, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the connection profiles in " + file + ": " + e.getMessage(), e);
        }
    }

    private int indexOf(String id) {
        for (int i = 0; i < remotes.size(); i++) {
            if (remotes.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static void replace(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
