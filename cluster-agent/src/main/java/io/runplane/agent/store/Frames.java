package io.runplane.agent.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.zip.CRC32C;

/** The framing of records in the journal and the snapshot: {@code [length:int][crc32c:int][payload]}. */
final class Frames {

    static final int HEADER = 8;
    static final int MAX_RECORD = 16 * 1024 * 1024;

    private Frames() {
    }

    static int size(byte[] payload) {
        return HEADER + payload.length;
    }

    static void put(ByteBuffer out, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        out.putInt(payload.length).putInt((int) crc.getValue()).put(payload);
    }

    /**
     * Reads records from the start of the file up to the first torn or corrupt frame and returns
     * where the last good one ends.
     */
    static long read(FileChannel channel, List<byte[]> records) throws IOException {
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
                throw new IOException("unexpected end of file");
            }
        }
    }
}
