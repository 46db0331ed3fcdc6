package io.runplane.agent.loadtest;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.grpc.MethodDescriptor;
import io.runplane.api.v1.WatchWorkloadsRequest;
import io.runplane.api.v1.WatchWorkloadsResponse;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadDelta;
import io.runplane.api.v1.WorkloadDeltaBatch;
import io.runplane.api.v1.WorkloadSnapshot;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadsGrpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the load test reads of a watch response: whether it is a snapshot, and the names of the
 * workloads it holds (a snapshot's) or upserts (a delta's, or each delta's of a batch). Everything else is skipped unparsed, so
 * the load generator, sharing the machine with the agent, spends little CPU per delta.
 */
record WatchedNames(boolean snapshot, List<String> names) {

    /** Watch, with responses read as {@link WatchedNames}; same wire format. */
    static final MethodDescriptor<WatchWorkloadsRequest, WatchedNames> WATCH = WorkloadsGrpc.getWatchMethod()
            .toBuilder(WorkloadsGrpc.getWatchMethod().getRequestMarshaller(), new Reader())
            .build();

    static WatchedNames parse(CodedInputStream in) throws IOException {
        boolean snapshot = false;
        List<String> names = new ArrayList<>(1);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case WatchWorkloadsResponse.SNAPSHOT_FIELD_NUMBER -> {
                    snapshot = true;
                    int outer = in.pushLimit(in.readRawVarint32());
                    for (int field = in.readTag(); field != 0; field = in.readTag()) {
                        if (WireFormat.getTagFieldNumber(field) == WorkloadSnapshot.WORKLOADS_FIELD_NUMBER) {
                            names.add(workloadName(in));
                        } else {
                            in.skipField(field);
                        }
                    }
                    in.popLimit(outer);
                }
                case WatchWorkloadsResponse.DELTA_FIELD_NUMBER -> delta(in, names);
                case WatchWorkloadsResponse.BATCH_FIELD_NUMBER -> {
                    int outer = in.pushLimit(in.readRawVarint32());
                    for (int field = in.readTag(); field != 0; field = in.readTag()) {
                        if (WireFormat.getTagFieldNumber(field) == WorkloadDeltaBatch.DELTAS_FIELD_NUMBER) {
                            delta(in, names);
                        } else {
                            in.skipField(field);
                        }
                    }
                    in.popLimit(outer);
                }
                default -> in.skipField(tag);
            }
        }
        return new WatchedNames(snapshot, names);
    }

    private static void delta(CodedInputStream in, List<String> names) throws IOException {
        int outer = in.pushLimit(in.readRawVarint32());
        int kind = WorkloadDelta.Kind.KIND_UNSPECIFIED_VALUE;
        String name = "";
        for (int field = in.readTag(); field != 0; field = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(field)) {
                case WorkloadDelta.KIND_FIELD_NUMBER -> kind = in.readEnum();
                case WorkloadDelta.WORKLOAD_FIELD_NUMBER -> name = workloadName(in);
                default -> in.skipField(field);
            }
        }
        in.popLimit(outer);
        if (kind == WorkloadDelta.Kind.KIND_UPSERTED_VALUE) {
            names.add(name);
        }
    }

    /** Reads a length-delimited Workload and returns its spec's name. */
    private static String workloadName(CodedInputStream in) throws IOException {
        int outer = in.pushLimit(in.readRawVarint32());
        String name = "";
        for (int field = in.readTag(); field != 0; field = in.readTag()) {
            if (WireFormat.getTagFieldNumber(field) == Workload.SPEC_FIELD_NUMBER) {
                int spec = in.pushLimit(in.readRawVarint32());
                for (int f = in.readTag(); f != 0; f = in.readTag()) {
                    if (WireFormat.getTagFieldNumber(f) == WorkloadSpec.NAME_FIELD_NUMBER) {
                        name = in.readStringRequireUtf8();
                    } else {
                        in.skipField(f);
                    }
                }
                in.popLimit(spec);
            } else {
                in.skipField(field);
            }
        }
        in.popLimit(outer);
        return name;
    }

    private static final class Reader implements MethodDescriptor.Marshaller<WatchedNames> {
        @Override
        public InputStream stream(WatchedNames value) {
            throw new UnsupportedOperationException("the load test never sends a watch response");
        }

        @Override
        public WatchedNames parse(InputStream stream) {
            try {
                return WatchedNames.parse(CodedInputStream.newInstance(stream));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
