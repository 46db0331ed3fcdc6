package io.runplane.agent.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only audit log: one JSON object per line, forced to disk before the call's answer is
 * sent. A torn last line (a crash mid-write) is skipped when reading; every complete line survives.
 */
public final class AuditLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path file;
    private final FileChannel channel;
    private final Object forcing = new Object();
    private volatile long written;
    private long forcedTo;

    public AuditLog(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        cutTornTail();
        channel.position(channel.size());
        written = channel.size();
        forcedTo = written;
    }

    /** A crash mid-append leaves a line without its newline; that call was never answered, so drop it. */
    private void cutTornTail() throws IOException {
        long size = channel.size();
        long end = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (end > 0) {
            one.clear();
            channel.read(one, end - 1);
            if (one.get(0) == '\n') {
                break;
            }
            end--;
        }
        if (end < size) {
            channel.truncate(end);
            channel.force(true);
        }
    }

    /**
     * Appends the entry and returns once it is on disk. Concurrent callers share one force: whoever
     * forces first covers every line written before it (group commit).
     */
    public void append(AuditEntry entry) {
        try {
            byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            long end;
            synchronized (this) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                end = channel.position();
                written = end;
            }
            synchronized (forcing) {
                if (forcedTo < end) {
                    long target = written;
                    channel.force(false);
                    forcedTo = target;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit log " + file, e);
        }
    }

    /** The file the log appends to. */
    public Path file() {
        return file;
    }

    /** The entries in the order they were recorded. */
    public synchronized List<AuditEntry> read() throws IOException {
        List<AuditEntry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(JSON.readValue(line, AuditEntry.class));
            } catch (IOException tornLine) {
                // Only the last line can be torn by a crash; nothing after it was acknowledged.
            }
        }
        return entries;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
