package io.runplane.agent.server;

import io.runplane.agent.workload.WorkloadController;
import io.runplane.agent.workload.WorkloadException;
import io.runplane.api.v1.ListWorkloadsRequest;
import io.runplane.api.v1.ListWorkloadsResponse;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** List with filter, sort and paging. Page tokens carry the offset into the ordered result. */
final class WorkloadListing {

    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;
    private static final String TOKEN_PREFIX = "offset:";

    private final WorkloadController controller;

    WorkloadListing(WorkloadController controller) {
        this.controller = controller;
    }

    /** The workloads matching the request among those {@code visible} to the caller. */
    ListWorkloadsResponse list(ListWorkloadsRequest request, WorkloadAccess.Visible visible) throws WorkloadException {
        if (request.getPageSize() < 0) {
            throw invalid("page_size", "must be >= 0");
        }
        int pageSize = request.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : Math.min(request.getPageSize(), MAX_PAGE_SIZE);
        int offset = offset(request.getPageToken());
        Comparator<Workload> order = order(request.getOrderBy());
        if (request.getDescending()) {
            order = order.reversed();
        }
        Set<WorkloadStatus> statuses = request.getStatusesList().isEmpty() ? EnumSet.allOf(WorkloadStatus.class) : EnumSet.copyOf(request.getStatusesList());
        Set<WorkloadType> types = request.getTypesList().isEmpty() ? EnumSet.allOf(WorkloadType.class) : EnumSet.copyOf(request.getTypesList());
        String search = request.getSearch().toLowerCase(Locale.ROOT);
        long revision = controller.revision();
        List<Workload> matching = controller.list(w -> (request.getProject().isEmpty() || w.project().equals(request.getProject()))
                        && visible.allows(w.project(), w.spec().getType())
                        && statuses.contains(w.status()) && types.contains(w.spec().getType())
                        && (search.isEmpty() || contains(search, w.name(), w.project(), w.spec().getImage(), w.createdBy())))
                .stream().sorted(order).toList();
        if (offset > matching.size()) {
            throw invalid("page_token", "is past the end of the result");
        }
        int end = Math.min(matching.size(), offset + pageSize);
        ListWorkloadsResponse.Builder response = ListWorkloadsResponse.newBuilder()
                .addAllWorkloads(matching.subList(offset, end))
                .setTotalSize(matching.size())
                .setRevision(revision);
        if (end < matching.size()) {
            response.setNextPageToken(token(end));
        }
        return response.build();
    }

    private static boolean contains(String search, String... fields) {
        for (String f : fields) {
            if (f.toLowerCase(Locale.ROOT).contains(search)) {
                return true;
            }
        }
        return false;
    }

    private static Comparator<Workload> order(String orderBy) throws WorkloadException {
        Comparator<Workload> byCreation = Comparator.comparing((Workload w) -> w.getCreatedAt().getSeconds())
                .thenComparing(w -> w.getCreatedAt().getNanos());
        Comparator<Workload> tie = Comparator.comparing((Workload w) -> w.getSpec().getProject()).thenComparing(w -> w.getSpec().getName());
        return switch (orderBy) {
            case "", "created_at" -> byCreation.thenComparing(tie);
            case "name" -> Comparator.comparing((Workload w) -> w.getSpec().getName()).thenComparing(tie);
            case "project" -> tie;
            case "status" -> Comparator.comparing((Workload w) -> w.getStatus().getNumber()).thenComparing(tie);
            case "type" -> Comparator.comparing((Workload w) -> w.getSpec().getType().getNumber()).thenComparing(tie);
            default -> throw invalid("order_by", "must be one of name, project, status, created_at, type");
        };
    }

    private static int offset(String token) throws WorkloadException {
        if (token.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(TOKEN_PREFIX)) {
                int offset = Integer.parseInt(text.substring(TOKEN_PREFIX.length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw invalid("page_token", "is not a token returned by List");
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((TOKEN_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static WorkloadException invalid(String field, String description) {
        return WorkloadException.invalidField("the list request is not valid", field, description);
    }
}
