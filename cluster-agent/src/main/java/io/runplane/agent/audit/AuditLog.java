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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An append-only audit log: one JSON object per line, forced to disk before the call's answer is
 * sent, or, for a call whose effect another store already made durable, forced by a background
 * group commit right after (see {@link #appendForcedLater}). A torn last line (a crash mid-write) is
 * skipped when reading; every complete line survives.
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path file;
    private final FileChannel channel;
    private final Object forcing = new Object();
    private final ExecutorService forcer = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("runplane-audit-force").factory());
    private final AtomicBoolean forceQueued = new AtomicBoolean();
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
            forceTo(write(entry));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit log " + file, e);
        }
    }

    /** The file the log appends to. */
    public Path file() {
        return file;
    }

    /**
     * Appends the entry and returns at once; a background thread forces it with every other line
     * written meanwhile. Only for a call whose effect is already durable elsewhere (a workload change
     * in the workload journal names its user): a crash can then lose the last such lines, never what
     * they describe.
     */
    public void appendForcedLater(AuditEntry entry) {
        try {
            write(entry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit log " + file, e);
        }
        if (forceQueued.compareAndSet(false, true)) {
            try {
                forcer.execute(this::forceWritten);
            } catch (RejectedExecutionException closed) {
                forceQueued.set(false);
            }
        }
    }

    private void forceWritten() {
        forceQueued.set(false);
        try {
            forceTo(written);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot force the audit log " + file, e);
        }
    }

    private long write(AuditEntry entry) throws IOException {
        byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        synchronized (this) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            long end = channel.position();
            written = end;
            return end;
        }
    }

    /** Forces the file unless a force that started after {@code end} was written covered it (group commit). */
    private void forceTo(long end) throws IOException {
        synchronized (forcing) {
            if (forcedTo < end) {
                long target = written;
                channel.force(false);
                forcedTo = target;
            }
        }
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

    /** Forces what is written and closes the file. */
    @Override
    public void close() throws IOException {
        forcer.shutdown();
        try {
            forcer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (channel.isOpen()) {
                forceTo(written);
                channel.close();
            }
        }
    }
}
