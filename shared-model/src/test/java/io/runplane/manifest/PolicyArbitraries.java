package io.runplane.manifest;

import io.runplane.policy.FieldCatalogue;
import io.runplane.policy.FieldDefinition;
import io.runplane.policy.FieldRule;
import io.runplane.policy.Instance;
import io.runplane.policy.PolicyValue;
import io.runplane.policy.Quantity;
import io.runplane.policy.QuantityUnit;
import io.runplane.policy.Scope;
import io.runplane.policy.ValueType;
import io.runplane.policy.WorkloadKind;
import io.runplane.policy.WorkloadPolicy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random but valid policies, for property tests. */
final class PolicyArbitraries {

    private PolicyArbitraries() {
    }

    static Arbitrary<WorkloadPolicy> policies() {
        return Arbitraries.of(WorkloadKind.class).flatMap(kind -> Combinators.combine(
                names(), scopes(), defaults(kind), rules(kind), names().list().uniqueElements().ofMaxSize(3))
                .as((name, scope, defaults, rules, assets) -> new WorkloadPolicy(name, kind, scope, defaults, rules, assets)));
    }

    static Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-').ofMinLength(1).ofMaxLength(12)
                .filter(s -> Character.isLetter(s.charAt(0)));
    }

    static Arbitrary<Scope> scopes() {
        return Arbitraries.oneOf(Arbitraries.just(Scope.cluster()),
                names().map(Scope.Department::new), names().map(Scope.Project::new));
    }

    /** Text that stresses quoting: YAML keywords, numbers, indicators, spaces and unicode. */
    static Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(16),
                Arbitraries.strings().withCharRange('\u00a0', '\u024f').ofMaxLength(6),
                Arbitraries.of("true", "False", "null", "~", "yes", "no", "on", "off", "1", "-2", "1.5", "1e3", "0x1F",
                        ".inf", "- a", "a: b", "#x", "*ref", "&a", "!tag", "'q'", "\"d\"", "a\nb", " lead", "trail ", ""));
    }

    private static Arbitrary<Map<String, PolicyValue>> defaults(WorkloadKind kind) {
        return fieldSubset(kind).flatMap(fields -> {
            List<Arbitrary<PolicyValue>> values = fields.stream().map(PolicyArbitraries::value).toList();
            return Combinators.combine(values).as(list -> {
                Map<String, PolicyValue> out = new LinkedHashMap<>();
                for (int i = 0; i < fields.size(); i++) {
                    out.put(fields.get(i).path(), list.get(i));
                }
                return out;
            });
        });
    }

    private static Arbitrary<Map<String, FieldRule>> rules(WorkloadKind kind) {
        return fieldSubset(kind).flatMap(fields -> {
            List<Arbitrary<FieldRule>> rules = fields.stream().map(f -> rule(f, kind)).toList();
            return Combinators.combine(rules).as(list -> {
                Map<String, FieldRule> out = new LinkedHashMap<>();
                for (int i = 0; i < fields.size(); i++) {
                    out.put(fields.get(i).path(), list.get(i));
                }
                return out;
            });
        });
    }

    private static Arbitrary<List<FieldDefinition>> fieldSubset(WorkloadKind kind) {
        return Arbitraries.of(FieldCatalogue.fields(kind)).list().uniqueElements().ofMaxSize(6);
    }

    /** A value the field's spec mapping accepts (the framework is a closed set). */
    static Arbitrary<PolicyValue> value(FieldDefinition field) {
        if (field.path().equals("distributed.framework")) {
            return Arbitraries.of("pytorch", "tensorflow", "mpi", "xgboost").map(PolicyValue.StringValue::new);
        }
        return value(field.type());
    }

    static Arbitrary<PolicyValue> value(ValueType type) {
        return switch (type) {
            case ValueType.BooleanType t -> Arbitraries.of(true, false).map(PolicyValue.BoolValue::new);
            case ValueType.StringType t -> texts().map(PolicyValue.StringValue::new);
            case ValueType.IntegerType t -> Arbitraries.integers().map(i -> new PolicyValue.IntegerValue(i));
            case ValueType.NumberType t -> decimals().map(PolicyValue.NumberValue::new);
            case ValueType.QuantityType t -> quantities(t.unit()).map(PolicyValue.QuantityValue::new);
            case ValueType.ArrayType t -> texts().list().ofMaxSize(4).map(PolicyValue.ArrayValue::new);
            case ValueType.ItemizedType t -> instances(t).map(PolicyValue.ItemizedValue::new);
        };
    }

    static Arbitrary<BigDecimal> decimals() {
        return Combinators.combine(Arbitraries.longs().between(-1_000_000, 1_000_000), Arbitraries.integers().between(0, 4))
                .as(BigDecimal::valueOf);
    }

    static Arbitrary<Quantity> quantities(QuantityUnit unit) {
        Arbitrary<String> number = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 100_000).map(String::valueOf),
                decimals().map(BigDecimal::abs).map(BigDecimal::toPlainString));
        Arbitrary<String> suffix = unit == QuantityUnit.CORES ? Arbitraries.of("", "m")
                : Arbitraries.of("", "k", "M", "G", "T", "Ki", "Mi", "Gi", "Ti");
        return Combinators.combine(number, suffix).as((n, s) -> n + s)
                .map(text -> Quantity.parse(text, unit))
                .filter(Optional::isPresent).map(Optional::get);
    }

    private static Arbitrary<List<Instance>> instances(ValueType.ItemizedType type) {
        Arbitrary<Instance> instance = Combinators.combine(names(),
                        Arbitraries.subsetOf(type.attributes()), texts(), Arbitraries.of(true, false))
                .as((key, attributes, text, exclude) -> {
                    Map<String, String> map = new LinkedHashMap<>();
                    type.attributes().stream().filter(attributes::contains).forEach(a -> map.put(a, text));
                    return new Instance(key, map, exclude);
                });
        return instance.list().ofMaxSize(4).uniqueElements(Instance::key);
    }

    private static Arbitrary<FieldRule> rule(FieldDefinition field, WorkloadKind kind) {
        Arbitrary<Optional<Boolean>> flag = Arbitraries.of(true, false).optional();
        return switch (field.type()) {
            case ValueType.BooleanType t -> Combinators.combine(flag, flag).as(FieldRule.BooleanRule::new);
            case ValueType.ArrayType t -> Combinators.combine(flag, flag).as(FieldRule.ArrayRule::new);
            case ValueType.StringType t -> Combinators.combine(flag, flag,
                    Combinators.combine(texts(), texts().optional()).as(FieldRule.Option::new)
                            .list().ofMaxSize(3).uniqueElements(FieldRule.Option::value))
                    .as(FieldRule.StringRule::new);
            case ValueType.IntegerType t -> Combinators.combine(flag, flag,
                    Arbitraries.integers().between(-100, 100).optional(), Arbitraries.integers().between(100, 10_000).optional(),
                    Arbitraries.integers().between(1, 8).optional(), defaultFrom(field, kind))
                    .as((e, r, min, max, step, df) -> new FieldRule.IntegerRule(e, r, optionalLong(min),
                            optionalLong(max), optionalLong(step), df));
            case ValueType.NumberType t -> Combinators.combine(flag, flag, decimals().filter(d -> d.signum() < 0).optional(),
                    decimals().filter(d -> d.signum() >= 0).optional(), defaultFrom(field, kind))
                    .as(FieldRule.NumberRule::new);
            case ValueType.QuantityType t -> Combinators.combine(flag, flag,
                    Arbitraries.just(Optional.<Quantity>empty()), quantities(t.unit()).optional(), defaultFrom(field, kind))
                    .as(FieldRule.QuantityRule::new);
            case ValueType.ItemizedType t -> Combinators.combine(flag, names().list().uniqueElements().ofMaxSize(3))
                    .as(FieldRule.ItemizedRule::new);
        };
    }

    private static Arbitrary<Optional<FieldRule.DefaultFrom>> defaultFrom(FieldDefinition target, WorkloadKind kind) {
        List<String> sources = new ArrayList<>();
        for (FieldDefinition f : FieldCatalogue.fields(kind)) {
            boolean fits = target.type() instanceof ValueType.QuantityType q
                    ? f.type() instanceof ValueType.QuantityType s && s.unit() == q.unit()
                    : f.type() instanceof ValueType.IntegerType || f.type() instanceof ValueType.NumberType;
            if (fits && !f.path().equals(target.path())) {
                sources.add(f.path());
            }
        }
        if (sources.isEmpty()) {
            return Arbitraries.just(Optional.empty());
        }
        return Combinators.combine(Arbitraries.of(sources), decimals())
                .as(FieldRule.DefaultFrom::new).optional();
    }

    private static OptionalLong optionalLong(Optional<Integer> value) {
        return value.map(v -> OptionalLong.of(v)).orElse(OptionalLong.empty());
    }
}
