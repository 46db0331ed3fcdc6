package io.runplane.agent.assets;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.runplane.access.Decision;

import java.util.List;
import java.util.stream.Collectors;

/** gRPC errors of the asset service; invalid input carries a {@code google.rpc.BadRequest} per field. */
final class AssetErrors {

    private AssetErrors() {
    }

    static StatusRuntimeException invalid(List<FieldViolation> problems) {
        BadRequest.Builder details = BadRequest.newBuilder();
        problems.forEach(p -> details.addFieldViolations(
                BadRequest.FieldViolation.newBuilder().setField(p.field()).setDescription(p.description())));
        String message = problems.stream().map(p -> p.field() + ": " + p.description()).collect(Collectors.joining("; "));
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE).setMessage(message).addDetails(Any.pack(details.build())).build());
    }

    static StatusRuntimeException denied(Decision.Denied denial) {
        return Status.PERMISSION_DENIED.withDescription(denial.message()).asRuntimeException();
    }

    static StatusRuntimeException notFound(AssetKey key) {
        return Status.NOT_FOUND.withDescription("no " + key.describe()).asRuntimeException();
    }
}
