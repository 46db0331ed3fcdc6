package io.runplane.console.workloads;

import io.runplane.api.v1.Workload;
import java.util.Objects;

/** One filter chip: "Status == Running". */
public record FilterCondition(WorkloadColumn column, FilterOperator operator, String value) {

    public FilterCondition {
        Objects.requireNonNull(column);
        Objects.requireNonNull(operator);
        value = value == null ? "" : value.trim();
    }

    public boolean test(Workload workload) {
        Double number = column.kind() == WorkloadColumn.Kind.NUMBER ? column.number(workload) : null;
        return operator.test(column.text(workload), number, value);
    }

    public String label() {
        return column.title() + " " + operator.symbol() + " " + value;
    }
}
