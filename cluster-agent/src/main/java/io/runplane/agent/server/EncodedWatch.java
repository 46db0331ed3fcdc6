package io.runplane.agent.server;

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
import io.runplane.api.v1.WorkloadDelta;
import io.runplane.api.v1.WorkloadsGrpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Watch with its responses already encoded: a change's {@link WatchWorkloadsResponse} is encoded
 * once and the same bytes are written to every watch stream. The wire format is the generated one.
 */
final class EncodedWatch {

    static final MethodDescriptor<WatchWorkloadsRequest, byte[]> METHOD = WorkloadsGrpc.getWatchMethod()
            .toBuilder(WorkloadsGrpc.getWatchMethod().getRequestMarshaller(), new Bytes())
            .build();

    private EncodedWatch() {
    }

    /** The change's delta response, shared by every watcher that sends it. */
    static byte[] delta(ChangeFeed.Change change) {
        return change.encoded(EncodedWatch::encode);
    }

    private static byte[] encode(ChangeFeed.Change change) {
        WorkloadDelta.Kind kind = change.kind() == ChangeFeed.Kind.DELETED ? WorkloadDelta.Kind.KIND_DELETED : WorkloadDelta.Kind.KIND_UPSERTED;
        return WatchWorkloadsResponse.newBuilder().setRevision(change.revision())
                .setDelta(WorkloadDelta.newBuilder().setKind(kind).setWorkload(change.workload()))
                .build().toByteArray();
    }

    /** The generated service with Watch served by {@code watch} over {@link #METHOD}. */
    static ServerServiceDefinition replacingWatch(ServerServiceDefinition generated, ServerCallHandler<WatchWorkloadsRequest, byte[]> watch) {
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

    /** Writes the bytes as they are; the server never reads a response. */
    private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new Message(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Lets gRPC size the frame up front and copy the bytes straight into it. */
    private static final class Message extends ByteArrayInputStream implements KnownLength, Drainable {
        Message(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int drainTo(OutputStream target) throws IOException {
            int length = count - pos;
            target.write(buf, pos, length);
            pos = count;
            return length;
        }
    }
}
