package io.runplane.agent.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An append-only journal with group commit: callers append records concurrently and each gets a
 * future that completes once its record is on disk. One writer thread takes every record waiting,
 * writes them together and forces the file once, so a burst of N appends costs one fsync, not N.
 * Futures complete in the order the records were appended.
 *
 * <p>The journal is a directory of numbered segments ({@code 0000000000000001.journal}, ...).
 * {@link #rotate()} starts a new segment; once a checkpoint holds everything in the older segments,
 * {@link #discardBefore(long)} deletes them. Each record is framed as
 * {@code [length:int][crc32c:int][payload]}. On open, the last segment is read up to the first
 * torn or corrupt frame (a crash in the middle of a write), which is cut off: a record whose future
 * never completed was never acknowledged, so nothing acknowledged is lost. An earlier segment was
 * forced before the next one began, so damage there is not a crash but a damaged disk, and opening
 * fails rather than dropping what follows.
 */
public final class Journal implements AutoCloseable {

    private static final String SUFFIX = ".journal";
    private static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;

    private sealed interface Item permits Append, Rotate, Close {
    }

    private record Append(byte[] payload, CompletableFuture<Void> done) implements Item {
    }

    private record Rotate(long segment, CompletableFuture<Long> done) implements Item {
    }

    private record Close() implements Item {
    }

    private final Path dir;
    private final List<byte[]> recovered;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final AtomicLong syncs = new AtomicLong();
    private final AtomicLong appendedBytes = new AtomicLong();
    private final Thread writer;
    private FileChannel channel;
    private long nextSegment;
    private volatile boolean closed;

    private Journal(Path dir, FileChannel channel, long segment, List<byte[]> recovered) {
        this.dir = dir;
        this.channel = channel;
        this.nextSegment = segment + 1;
        this.recovered = List.copyOf(recovered);
        this.writer = Thread.ofPlatform().daemon().name("runplane-journal").unstarted(this::writeLoop);
        writer.start();
    }

    /**
     * Opens (or creates) the journal in {@code dir}, deleting segments before {@code firstSegment}
     * (already in a checkpoint) and recovering the records of the others.
     */
    public static Journal open(Path dir, long firstSegment) throws IOException {
        Files.createDirectories(dir);
        TreeMap<Long, Path> segments = segments(dir);
        for (var old : segments.headMap(firstSegment).values()) {
            Files.delete(old);
        }
        List<byte[]> records = new ArrayList<>();
        var kept = segments.tailMap(firstSegment, true);
        for (var entry : kept.entrySet()) {
            if (entry.getKey().equals(kept.lastKey())) {
                break;
            }
            try (FileChannel earlier = FileChannel.open(entry.getValue(), StandardOpenOption.READ)) {
                long end = Frames.read(earlier, records);
                if (end < earlier.size()) {
                    throw new IOException("journal segment " + entry.getValue() + " is damaged at byte " + end
                            + " and is not the last one; the data directory needs repair");
                }
            }
        }
        long segment = kept.isEmpty() ? firstSegment : kept.lastKey();
        Path last = dir.resolve(name(segment));
        boolean created = !Files.exists(last);
        FileChannel channel = FileChannel.open(last, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long end = Frames.read(channel, records);
            if (end < channel.size()) {
                channel.truncate(end);
                channel.force(true);
            }
            channel.position(end);
            if (created) {
                AtomicFiles.forceDirectory(dir);
            }
            return new Journal(dir, channel, segment, records);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The records found when the journal was opened, oldest first. */
    public List<byte[]> recovered() {
        return recovered;
    }

    /** Appends a record; the future completes when it is durable, or fails if it could not be written. */
    public synchronized CompletableFuture<Void> append(byte[] payload) {
        if (payload.length > Frames.MAX_RECORD) {
            throw new IllegalArgumentException("journal record of " + payload.length + " bytes exceeds " + Frames.MAX_RECORD);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("journal " + dir + " is closed"));
            return done;
        }
        appendedBytes.addAndGet(Frames.size(payload));
        queue.add(new Append(payload, done));
        return done;
    }

    /**
     * Starts a new segment after every record appended so far; the future completes with the new
     * segment's number once those records are durable and the new segment is in use.
     */
    public synchronized CompletableFuture<Long> rotate() {
        CompletableFuture<Long> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("journal " + dir + " is closed"));
            return done;
        }
        queue.add(new Rotate(nextSegment++, done));
        return done;
    }

    /** Deletes the segments before {@code segment}, whose records a checkpoint now holds. */
    public void discardBefore(long segment) throws IOException {
        for (Path old : segments(dir).headMap(segment).values()) {
            Files.delete(old);
        }
    }

    /** Bytes appended since the journal was opened (framing included). */
    public long appendedBytes() {
        return appendedBytes.get();
    }

    /** How many times the journal forced the file to disk: the cost group commit keeps low. */
    public long syncs() {
        return syncs.get();
    }

    private void writeLoop() {
        List<Append> batch = new ArrayList<>();
        Item item = null;
        while (true) {
            if (item == null) {
                try {
                    item = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            int bytes = 0;
            while (item instanceof Append append && bytes < MAX_BATCH_BYTES) {
                batch.add(append);
                bytes += append.payload().length;
                item = queue.poll();
            }
            try {
                writeBatch(batch);
                batch.forEach(a -> a.done().complete(null));
            } catch (IOException | RuntimeException e) {
                batch.forEach(a -> a.done().completeExceptionally(e));
            }
            batch.clear();
            if (item instanceof Close) {
                return;
            }
            if (item instanceof Rotate rotate) {
                startSegment(rotate);
                item = null;
            }
        }
    }

    private void writeBatch(List<Append> batch) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        int size = 0;
        for (Append a : batch) {
            size += Frames.size(a.payload());
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        for (Append a : batch) {
            Frames.put(buffer, a.payload());
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
        syncs.incrementAndGet();
    }

    private void startSegment(Rotate rotate) {
        try {
            FileChannel next = FileChannel.open(dir.resolve(name(rotate.segment())), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            AtomicFiles.forceDirectory(dir);
            channel.close();
            channel = next;
            rotate.done().complete(rotate.segment());
        } catch (IOException | RuntimeException e) {
            rotate.done().completeExceptionally(e);
        }
    }

    private static String name(long segment) {
        return String.format(Locale.ROOT, "%016d%s", segment, SUFFIX);
    }

    private static TreeMap<Long, Path> segments(Path dir) throws IOException {
        TreeMap<Long, Path> segments = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                try {
                    segments.put(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())), f);
                } catch (NumberFormatException e) {
                    throw new IOException("unexpected file " + f + " among the journal's segments", e);
                }
            }
        }
        return segments;
    }

    /** Writes what is queued, then stops the writer and closes the file. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(new Close());
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while closing the journal " + dir, e);
        }
        channel.close();
    }

    /** For callers that cannot go on without durability: waits for the record and rethrows failures. */
    public static void await(CompletableFuture<?> durable) {
        try {
            durable.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw e;
        }
    }
}
