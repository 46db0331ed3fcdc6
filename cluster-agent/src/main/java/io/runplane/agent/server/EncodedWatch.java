package io.runplane.agent.server;

import com.google.common.collect.MapMaker;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.runplane.agent.events.ChangeFeed;
import io.runplane.api.v1.WatchWorkloadsRequest;
import io.runplane.api.v1.WatchWorkloadsResponse;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadDelta;
import io.runplane.api.v1.WorkloadDeltaBatch;
import io.runplane.api.v1.WorkloadSnapshot;
import io.runplane.api.v1.WorkloadsGrpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentMap;

/**
 * Watch with its responses already encoded: a change's {@link WorkloadDelta} is encoded once and the
 * same bytes are written to every watch stream, alone (a {@code delta} response) or among the other
 * changes of a {@code batch} response; a workload in a {@code snapshot} is encoded once per message.
 * A response is written as a list of parts, so the shared bytes are never copied per watcher. The
 * wire format is the generated one.
 */
final class EncodedWatch {

    /** A batch response stays under this size (more changes go into the next one), well below gRPC's 4 MiB default limit. */
    static final int MAX_BATCH_BYTES = 1024 * 1024;

    static final MethodDescriptor<WatchWorkloadsRequest, Frame> METHOD = WorkloadsGrpc.getWatchMethod()
            .toBuilder(WorkloadsGrpc.getWatchMethod().getRequestMarshaller(), new Frames())
            .build();

    /** The tag of one element of a {@link WorkloadDeltaBatch}, the same before every change. */
    private static final byte[] BATCH_ELEMENT_TAG = prefix(out ->
            out.writeTag(WorkloadDeltaBatch.DELTAS_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED));

    /** The tag of one workload of a {@link WorkloadSnapshot}. */
    private static final byte[] SNAPSHOT_ELEMENT_TAG = prefix(out ->
            out.writeTag(WorkloadSnapshot.WORKLOADS_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED));

    private static final byte[] RESYNC = prefix(out -> out.writeBool(WorkloadSnapshot.RESYNC_FIELD_NUMBER, true));

    /** Each workload message's bytes with their length before them; an entry goes with its message (weak, by identity). */
    private static final ConcurrentMap<Workload, byte[]> ENCODED_WORKLOADS = new MapMaker().weakKeys().makeMap();

    private EncodedWatch() {
    }

    /** One encoded response: its parts, in order. */
    record Frame(List<byte[]> parts, int length) {
        static Frame of(byte[] bytes) {
            return new Frame(List.of(bytes), bytes.length);
        }
    }

    /**
     * A {@code snapshot} response of the workloads, as the generated code would encode it. Each
     * workload's bytes are encoded once per message and shared by every watcher's snapshot that
     * holds the same message (the controller keeps one per workload and revision).
     */
    static Frame snapshot(long revision, List<Workload> workloads, boolean resync) {
        List<byte[]> parts = new ArrayList<>(2 * workloads.size() + 2);
        parts.add(null);
        int inner = 0;
        for (Workload workload : workloads) {
            byte[] bytes = ENCODED_WORKLOADS.computeIfAbsent(workload, EncodedWatch::lengthDelimited);
            parts.add(SNAPSHOT_ELEMENT_TAG);
            parts.add(bytes);
            inner += SNAPSHOT_ELEMENT_TAG.length + bytes.length;
        }
        if (resync) {
            parts.add(RESYNC);
            inner += RESYNC.length;
        }
        int snapshotSize = inner;
        byte[] head = prefix(out -> {
            if (revision != 0) {
                out.writeInt64(WatchWorkloadsResponse.REVISION_FIELD_NUMBER, revision);
            }
            out.writeTag(WatchWorkloadsResponse.SNAPSHOT_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(snapshotSize);
        });
        parts.set(0, head);
        return new Frame(parts, head.length + inner);
    }

    /** The change alone in a {@code delta} response. */
    static Frame delta(ChangeFeed.Change change) {
        byte[] delta = change.encoded(EncodedWatch::lengthDelimited);
        byte[] head = prefix(out -> {
            out.writeInt64(WatchWorkloadsResponse.REVISION_FIELD_NUMBER, change.revision());
            out.writeTag(WatchWorkloadsResponse.DELTA_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        });
        return new Frame(List.of(head, delta), head.length + delta.length);
    }

    /**
     * The changes, oldest first, in {@code batch} responses of at most {@link #MAX_BATCH_BYTES} (a
     * larger change goes alone); each response's revision is that of its last change. Only each
     * response's head is encoded here: every element is the shared field tag and the change's
     * shared bytes.
     */
    static List<Frame> batches(List<ChangeFeed.Change> changes) {
        List<Frame> frames = new ArrayList<>(1);
        int from = 0;
        while (from < changes.size()) {
            List<byte[]> parts = new ArrayList<>(2 * Math.min(changes.size() - from, 512) + 1);
            parts.add(null);
            int inner = 0;
            int to = from;
            while (to < changes.size()) {
                byte[] delta = changes.get(to).encoded(EncodedWatch::lengthDelimited);
                int element = BATCH_ELEMENT_TAG.length + delta.length;
                if (to > from && inner + element > MAX_BATCH_BYTES) {
                    break;
                }
                parts.add(BATCH_ELEMENT_TAG);
                parts.add(delta);
                inner += element;
                to++;
            }
            long revision = changes.get(to - 1).revision();
            int batchSize = inner;
            byte[] head = prefix(out -> {
                out.writeInt64(WatchWorkloadsResponse.REVISION_FIELD_NUMBER, revision);
                out.writeTag(WatchWorkloadsResponse.BATCH_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(batchSize);
            });
            parts.set(0, head);
            frames.add(new Frame(parts, head.length + inner));
            from = to;
        }
        return frames;
    }

    /** The change's {@link WorkloadDelta} with its length before it, as a length-delimited field's value. */
    private static byte[] lengthDelimited(ChangeFeed.Change change) {
        WorkloadDelta.Kind kind = change.kind() == ChangeFeed.Kind.DELETED ? WorkloadDelta.Kind.KIND_DELETED : WorkloadDelta.Kind.KIND_UPSERTED;
        WorkloadDelta delta = WorkloadDelta.newBuilder().setKind(kind).setWorkload(change.workload()).build();
        int size = delta.getSerializedSize();
        byte[] bytes = new byte[CodedOutputStream.computeUInt32SizeNoTag(size) + size];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            out.writeUInt32NoTag(size);
            delta.writeTo(out);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes;
    }

    private interface Writes {
        void to(CodedOutputStream out) throws IOException;
    }

    private static byte[] lengthDelimited(Workload workload) {
        int size = workload.getSerializedSize();
        byte[] bytes = new byte[CodedOutputStream.computeUInt32SizeNoTag(size) + size];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            out.writeUInt32NoTag(size);
            workload.writeTo(out);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes;
    }

    /** A few tags and lengths, encoded. */
    private static byte[] prefix(Writes writes) {
        byte[] buffer = new byte[32];
        CodedOutputStream out = CodedOutputStream.newInstance(buffer);
        try {
            writes.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.copyOf(buffer, buffer.length - out.spaceLeft());
    }

    /** The generated service with Watch served by {@code watch} over {@link #METHOD}. */
    static ServerServiceDefinition replacingWatch(ServerServiceDefinition generated, ServerCallHandler<WatchWorkloadsRequest, Frame> watch) {
        ServiceDescriptor original = generated.getServiceDescriptor();
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(original.getName())
                .setSchemaDescriptor(original.getSchemaDescriptor());
        for (MethodDescriptor<?, ?> method : original.getMethods()) {
            descriptor.addMethod(isWatch(method) ? METHOD : method);
        }
        ServerServiceDefinition.Builder service = ServerServiceDefinition.builder(descriptor.build());
        for (ServerMethodDefinition<?, ?> method : generated.getMethods()) {
            if (!isWatch(method.getMethodDescriptor())) {
                service.addMethod(method);
            }
        }
        return service.addMethod(METHOD, watch).build();
    }

    private static boolean isWatch(MethodDescriptor<?, ?> method) {
        return method.getFullMethodName().equals(METHOD.getFullMethodName());
    }

    /** Writes the frames as they are; the server never reads a response. */
    private static final class Frames implements MethodDescriptor.Marshaller<Frame> {
        @Override
        public InputStream stream(Frame value) {
            return new Message(value);
        }

        @Override
        public Frame parse(InputStream stream) {
            throw new UnsupportedOperationException("the agent never reads a watch response");
        }
    }

    /** Lets gRPC size the frame up front and copy the parts straight into it. */
    private static final class Message extends InputStream implements KnownLength, Drainable {
        private final List<byte[]> parts;
        private int part;
        private int pos;
        private int remaining;

        Message(Frame frame) {
            this.parts = frame.parts();
            this.remaining = frame.length();
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            int drained = remaining;
            for (; part < parts.size(); part++, pos = 0) {
                byte[] bytes = parts.get(part);
                target.write(bytes, pos, bytes.length - pos);
            }
            remaining = 0;
            return drained;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int copied = 0;
            while (copied < length && part < parts.size()) {
                byte[] bytes = parts.get(part);
                int n = Math.min(length - copied, bytes.length - pos);
                System.arraycopy(bytes, pos, target, offset + copied, n);
                copied += n;
                pos += n;
                if (pos == bytes.length) {
                    part++;
                    pos = 0;
                }
            }
            remaining -= copied;
            return copied;
        }

        @Override
        public int available() {
            return remaining;
        }
    }
}
