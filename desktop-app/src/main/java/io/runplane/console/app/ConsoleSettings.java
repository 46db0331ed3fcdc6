package io.runplane.console.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The console's own small settings file (chosen columns and the like), a properties file beside the
 * local data. Reads once; writes go through the background executor, atomically.
 */
public final class ConsoleSettings {

    private static final Logger LOG = Logger.getLogger(ConsoleSettings.class.getName());

    private final Path file;
    private final Properties values = new Properties();
    private final Background background;

    public ConsoleSettings(Path file, Background background) {
        this.file = file;
        this.background = background;
        if (file != null && Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                LOG.log(Level.WARNING, "ignoring unreadable settings " + file, e);
            }
        }
    }

    public synchronized String get(String key, String fallback) {
        return values.getProperty(key, fallback);
    }

    public synchronized List<String> getList(String key) {
        String value = values.getProperty(key);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public boolean has(String key) {
        synchronized (this) {
            return values.containsKey(key);
        }
    }

    public void put(String key, String value) {
        synchronized (this) {
            values.setProperty(key, value);
        }
        background.execute(this::save);
    }

    public void putList(String key, List<String> items) {
        put(key, String.join(",", items));
    }

    /** Writes now, on the calling thread. */
    public void save() {
        if (file == null) {
            return;
        }
        Properties snapshot = new Properties();
        synchronized (this) {
            snapshot.putAll(values);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                snapshot.store(out, "Runplane console settings");
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not save settings " + file, e);
        }
    }
}
