package io.runplane.agent.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * An append-only journal with group commit: callers append records concurrently and each gets a
 * future that completes once its record is on disk. One writer thread takes every record waiting,
 * writes them together and forces the file once, so a burst of N appends costs one fsync, not N.
 *
 * <p>Each record is framed as {@code [length:int][crc32c:int][payload]}. On open, records are read
 * back up to the first torn or corrupt frame (a crash in the middle of a write), which is cut off:
 * a record whose future never completed was never acknowledged, so nothing acknowledged is lost.
 */
public final class Journal implements AutoCloseable {

    private static final int HEADER = 8;
    private static final int MAX_RECORD = 16 * 1024 * 1024;
    private static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;

    private record Pending(byte[] payload, CompletableFuture<Void> done) {
    }

    private final Path file;
    private final FileChannel channel;
    private final List<byte[]> recovered;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicLong syncs = new AtomicLong();
    private final Pending closeMarker = new Pending(new byte[0], new CompletableFuture<>());
    private final Thread writer;
    private volatile boolean closed;

    private Journal(Path file, FileChannel channel, List<byte[]> recovered) {
        this.file = file;
        this.channel = channel;
        this.recovered = List.copyOf(recovered);
        this.writer = Thread.ofPlatform().daemon().name("runplane-journal").unstarted(this::writeLoop);
        writer.start();
    }

    /** Opens (or creates) the journal, recovering the records it holds. */
    public static Journal open(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            List<byte[]> records = new ArrayList<>();
            long end = readRecords(channel, records);
            if (end < channel.size()) {
                channel.truncate(end);
                channel.force(true);
            }
            channel.position(end);
            return new Journal(file, channel, records);
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
    public CompletableFuture<Void> append(byte[] payload) {
        if (payload.length > MAX_RECORD) {
            throw new IllegalArgumentException("journal record of " + payload.length + " bytes exceeds " + MAX_RECORD);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("journal " + file + " is closed"));
            return done;
        }
        queue.add(new Pending(payload, done));
        return done;
    }

    /**
     * Empties the journal once everything it holds is also stored elsewhere (a checkpoint). Records
     * appended but not yet durable are still written after the cut.
     */
    public synchronized void truncate() throws IOException {
        channel.truncate(0);
        channel.position(0);
        channel.force(true);
    }

    /** How many times the journal forced the file to disk: the cost group commit keeps low. */
    public long syncs() {
        return syncs.get();
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failAll(batch, e);
                return;
            }
            int bytes = batch.getFirst().payload.length;
            while (bytes < MAX_BATCH_BYTES) {
                Pending next = queue.poll();
                if (next == null) {
                    break;
                }
                batch.add(next);
                bytes += next.payload.length;
            }
            boolean closing = batch.remove(closeMarker);
            try {
                writeBatch(batch);
                batch.forEach(p -> p.done.complete(null));
            } catch (IOException | RuntimeException e) {
                failAll(batch, e);
            }
            batch.clear();
            if (closing) {
                return;
            }
        }
    }

    private synchronized void writeBatch(List<Pending> batch) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        int size = 0;
        for (Pending p : batch) {
            size += HEADER + p.payload.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        CRC32C crc = new CRC32C();
        for (Pending p : batch) {
            crc.reset();
            crc.update(p.payload);
            buffer.putInt(p.payload.length).putInt((int) crc.getValue()).put(p.payload);
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
        syncs.incrementAndGet();
    }

    private static void failAll(List<Pending> batch, Exception cause) {
        for (Pending p : batch) {
            p.done.completeExceptionally(cause);
        }
    }

    private static long readRecords(FileChannel channel, List<byte[]> records) throws IOException {
        long position = 0;
        long size = channel.size();
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        CRC32C crc = new CRC32C();
        while (position + HEADER <= size) {
            header.clear();
            readFully(channel, header, position);
            header.flip();
            int length = header.getInt();
            int checksum = header.getInt();
            if (length < 0 || length > MAX_RECORD || position + HEADER + length > size) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(channel, payload, position + HEADER);
            crc.reset();
            crc.update(payload.array());
            if ((int) crc.getValue() != checksum) {
                break;
            }
            records.add(payload.array());
            position += HEADER + length;
        }
        return position;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new IOException("unexpected end of journal");
            }
        }
    }

    /** Writes what is queued, then stops the writer and closes the file. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(closeMarker);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while closing the journal " + file, e);
        }
        channel.close();
    }

    /** For callers that cannot go on without durability: waits for the record and rethrows failures. */
    public static void await(CompletableFuture<Void> durable) {
        try {
            durable.join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw e;
        }
    }
}
