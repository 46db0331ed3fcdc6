package io.runplane.agent.server;

import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.runplane.agent.workload.FieldProblem;
import io.runplane.agent.workload.WorkloadException;

import java.util.List;

/** Maps refusals to gRPC statuses; field problems travel as {@code google.rpc.BadRequest} details. */
final class ApiErrors {

    private ApiErrors() {
    }

    static StatusRuntimeException of(WorkloadException e) {
        Code code = switch (e.kind()) {
            case INVALID -> Code.INVALID_ARGUMENT;
            case NOT_FOUND -> Code.NOT_FOUND;
            case ALREADY_EXISTS -> Code.ALREADY_EXISTS;
            case FAILED_PRECONDITION -> Code.FAILED_PRECONDITION;
        };
        return status(code, message(e.getMessage(), e.problems()), e.problems());
    }

    static StatusRuntimeException invalid(String field, String description) {
        List<FieldProblem> problems = List.of(new FieldProblem(field, description));
        return status(Code.INVALID_ARGUMENT, field + ": " + description, problems);
    }

    private static String message(String summary, List<FieldProblem> problems) {
        if (problems.isEmpty()) {
            return summary;
        }
        StringBuilder b = new StringBuilder(summary).append(": ");
        for (int i = 0; i < problems.size(); i++) {
            b.append(i == 0 ? "" : "; ").append(problems.get(i).field()).append(": ").append(problems.get(i).description());
        }
        return b.toString();
    }

    private static StatusRuntimeException status(Code code, String message, List<FieldProblem> problems) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message);
        if (!problems.isEmpty()) {
            BadRequest.Builder bad = BadRequest.newBuilder();
            for (FieldProblem p : problems) {
                bad.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField(p.field()).setDescription(p.description()));
            }
            status.addDetails(com.google.protobuf.Any.pack(bad.build()));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }
}
