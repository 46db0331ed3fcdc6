package io.runplane.policy;

import io.runplane.api.v1.WorkloadSpec;
import io.runplane.policy.PolicyValue.ArrayValue;
import io.runplane.policy.PolicyValue.BoolValue;
import io.runplane.policy.PolicyValue.IntegerValue;
import io.runplane.policy.PolicyValue.ItemizedValue;
import io.runplane.policy.PolicyValue.NumberValue;
import io.runplane.policy.PolicyValue.QuantityValue;
import io.runplane.policy.PolicyValue.StringValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Builds {@link SpecAccessor}s for the common shapes of proto3 fields. A proto3 scalar at its zero
 * value ({@code ""}, {@code 0}, {@code false}, an empty list) counts as unset.
 */
final class Accessors {

    private Accessors() {
    }

    static SpecAccessor string(Function<WorkloadSpec, String> get, BiFunction<WorkloadSpec, String, WorkloadSpec> set) {
        return of(spec -> Optional.of(get.apply(spec)).filter(s -> !s.isEmpty()).map(StringValue::new),
                (spec, value) -> set.apply(spec, cast(value, StringValue.class).value()));
    }

    static SpecAccessor integer(Function<WorkloadSpec, Long> get, BiFunction<WorkloadSpec, Integer, WorkloadSpec> set) {
        return of(spec -> Optional.of(get.apply(spec)).filter(v -> v != 0).map(IntegerValue::new),
                (spec, value) -> set.apply(spec, toInt(cast(value, IntegerValue.class).value())));
    }

    static SpecAccessor optionalInteger(Predicate<WorkloadSpec> has, Function<WorkloadSpec, Long> get,
            BiFunction<WorkloadSpec, Integer, WorkloadSpec> set) {
        return of(spec -> has.test(spec) ? Optional.of(new IntegerValue(get.apply(spec))) : Optional.empty(),
                (spec, value) -> set.apply(spec, toInt(cast(value, IntegerValue.class).value())));
    }

    static SpecAccessor number(Function<WorkloadSpec, Double> get, BiFunction<WorkloadSpec, Double, WorkloadSpec> set) {
        return of(spec -> Optional.of(get.apply(spec)).filter(v -> v != 0).map(v -> new NumberValue(BigDecimal.valueOf(v))),
                (spec, value) -> set.apply(spec, cast(value, NumberValue.class).value().doubleValue()));
    }

    static SpecAccessor quantity(QuantityUnit unit, Function<WorkloadSpec, Long> get,
            BiFunction<WorkloadSpec, Long, WorkloadSpec> set) {
        return of(spec -> Optional.of(get.apply(spec)).filter(v -> v != 0)
                        .map(v -> new QuantityValue(Quantity.ofSpecUnits(v, unit))),
                (spec, value) -> {
                    Quantity q = cast(value, QuantityValue.class).value();
                    if (q.unit() != unit) {
                        throw new IllegalArgumentException("expected a quantity of " + unit.name().toLowerCase(java.util.Locale.ROOT));
                    }
                    return set.apply(spec, q.specUnits());
                });
    }

    static SpecAccessor bool(Function<WorkloadSpec, Boolean> get, BiFunction<WorkloadSpec, Boolean, WorkloadSpec> set) {
        return of(spec -> get.apply(spec) ? Optional.of(new BoolValue(true)) : Optional.empty(),
                (spec, value) -> set.apply(spec, cast(value, BoolValue.class).value()));
    }

    static SpecAccessor optionalBool(Predicate<WorkloadSpec> has, Function<WorkloadSpec, Boolean> get,
            BiFunction<WorkloadSpec, Boolean, WorkloadSpec> set) {
        return of(spec -> has.test(spec) ? Optional.of(new BoolValue(get.apply(spec))) : Optional.empty(),
                (spec, value) -> set.apply(spec, cast(value, BoolValue.class).value()));
    }

    static SpecAccessor array(Function<WorkloadSpec, List<String>> get, BiFunction<WorkloadSpec, List<String>, WorkloadSpec> set) {
        return of(spec -> Optional.of(get.apply(spec)).filter(l -> !l.isEmpty()).map(ArrayValue::new),
                (spec, value) -> set.apply(spec, cast(value, ArrayValue.class).values()));
    }

    static SpecAccessor itemized(Function<WorkloadSpec, List<Instance>> get,
            BiFunction<WorkloadSpec, List<Instance>, WorkloadSpec> set) {
        return of(spec -> Optional.of(get.apply(spec)).filter(l -> !l.isEmpty()).map(ItemizedValue::new),
                (spec, value) -> set.apply(spec, cast(value, ItemizedValue.class).instances().stream()
                        .filter(i -> !i.exclude()).toList()));
    }

    private static SpecAccessor of(Function<WorkloadSpec, Optional<PolicyValue>> read,
            BiFunction<WorkloadSpec, PolicyValue, WorkloadSpec> write) {
        return new SpecAccessor() {
            @Override
            public Optional<PolicyValue> read(WorkloadSpec spec) {
                return read.apply(spec);
            }

            @Override
            public WorkloadSpec write(WorkloadSpec spec, PolicyValue value) {
                return write.apply(spec, value);
            }
        };
    }

    private static <T extends PolicyValue> T cast(PolicyValue value, Class<T> type) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("expected a " + type.getSimpleName() + " but got " + value.display());
        }
        return type.cast(value);
    }

    private static int toInt(long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("must be between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
        }
        return (int) value;
    }
}
