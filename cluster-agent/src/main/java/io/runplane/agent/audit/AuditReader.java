package io.runplane.agent.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * Reads the audit log file backwards, newest entry first, one page at a time. Only a chunk of the
 * file, the line being read and the page are held, however long the log. A page that stops early
 * says where: the offset of its oldest entry, from which the next page reads on.
 */
public final class AuditReader {

    private static final int CHUNK = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    /** A page of entries, newest first; {@code next} is where the older entries end, when there are any. */
    public record Page(List<AuditEntry> entries, OptionalLong next) {
    }

    /** An offset that is not the start of a line of this log (a token of another log, or made up). */
    public static final class BadOffset extends Exception {
        BadOffset(String message) {
            super(message, null, false, false);
        }
    }

    private final Path file;

    public AuditReader(Path file) {
        this.file = file;
    }

    /**
     * Up to {@code limit} entries matching {@code filter}, newest first, among those that end before
     * {@code before} (all of them when empty). A torn last line is skipped, as when the log is opened.
     */
    public Page newestFirst(Predicate<AuditEntry> filter, int limit, OptionalLong before) throws IOException, BadOffset {
        if (!Files.exists(file)) {
            if (before.isPresent()) {
                throw new BadOffset("the audit log is empty");
            }
            return new Page(List.of(), OptionalLong.empty());
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = before.isPresent() ? lineStart(channel, before.getAsLong()) : channel.size();
            return scan(channel, end, filter, limit);
        }
    }

    private static long lineStart(FileChannel channel, long offset) throws IOException, BadOffset {
        if (offset <= 0 || offset > channel.size()) {
            throw new BadOffset("offset " + offset + " is outside the audit log");
        }
        ByteBuffer one = ByteBuffer.allocate(1);
        readFully(channel, one, offset - 1);
        if (one.get(0) != '\n') {
            throw new BadOffset("offset " + offset + " is not where an entry of the audit log starts");
        }
        return offset;
    }

    private static Page scan(FileChannel channel, long end, Predicate<AuditEntry> filter, int limit) throws IOException {
        List<AuditEntry> page = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        byte[] carry = new byte[0];
        // The bytes after the last newline are a torn line (empty when the log ends cleanly).
        boolean tail = true;
        long position = end;
        while (position > 0) {
            int length = (int) Math.min(CHUNK, position);
            position -= length;
            buffer.clear().limit(length);
            readFully(channel, buffer, position);
            byte[] chunk = buffer.array();
            int lineEnd = length;
            for (int i = length - 1; i >= 0; i--) {
                if (chunk[i] != '\n') {
                    continue;
                }
                if (!tail) {
                    long start = position + i + 1;
                    add(join(chunk, i + 1, lineEnd, carry), filter, page);
                    if (page.size() == limit) {
                        return new Page(page, OptionalLong.of(start));
                    }
                }
                tail = false;
                carry = new byte[0];
                lineEnd = i;
            }
            carry = join(chunk, 0, lineEnd, carry);
        }
        if (!tail) {
            add(carry, filter, page);
        }
        return new Page(page, OptionalLong.empty());
    }

    private static void add(byte[] line, Predicate<AuditEntry> filter, List<AuditEntry> page) {
        if (line.length == 0) {
            return;
        }
        AuditEntry entry;
        try {
            entry = JSON.readValue(line, AuditEntry.class);
        } catch (IOException unreadable) {
            return;
        }
        if (filter.test(entry)) {
            page.add(entry);
        }
    }

    private static byte[] join(byte[] chunk, int from, int to, byte[] carry) {
        byte[] line = Arrays.copyOfRange(chunk, from, to + carry.length);
        System.arraycopy(carry, 0, line, to - from, carry.length);
        return line;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new EOFException("the audit log ended at " + at);
            }
            at += read;
        }
    }
}
