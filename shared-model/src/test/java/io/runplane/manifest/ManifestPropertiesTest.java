package io.runplane.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.api.v1.WorkloadSpec;
import io.runplane.policy.EffectivePolicy;
import io.runplane.policy.OrgPath;
import io.runplane.policy.PolicyEngine;
import io.runplane.policy.Resolution;
import io.runplane.policy.WorkloadPolicy;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Property-based tests: round trips are exact and no input makes the reader fail untyped. */
class ManifestPropertiesTest {

    @Property(tries = 200)
    void writeThenReadGivesTheSamePolicyAndTheSameText(@ForAll("policies") WorkloadPolicy policy) throws ManifestException {
        String written = PolicyManifests.write(policy);

        List<WorkloadPolicy> read = PolicyManifests.read("p.yaml", written);

        assertThat(read).containsExactly(policy);
        assertThat(PolicyManifests.write(read.getFirst())).isEqualTo(written);
    }

    @Property(tries = 40)
    void multiDocumentFilesRoundTrip(@ForAll("policyLists") List<WorkloadPolicy> policies) throws ManifestException {
        assertThat(PolicyManifests.read("all.yaml", PolicyManifests.writeAll(policies))).isEqualTo(policies);
    }

    @Property(tries = 300)
    void aMutatedManifestIsReadOrRejectedWithATypedError(@ForAll("mutations") String text) {
        readOrReject(text);
    }

    @Property(tries = 200)
    void arbitraryTextIsReadOrRejectedWithATypedError(@ForAll("yamlish") String text) {
        readOrReject(text);
    }

    @Property(tries = 100)
    void theEngineAppliesAndValidatesAnyReadablePolicyWithoutFailing(@ForAll("policies") WorkloadPolicy policy) {
        Resolution resolution = PolicyEngine.resolve(List.of(policy), policy.kind(),
                OrgPath.project("p", Optional.of("d")));
        EffectivePolicy effective = resolution.policy().orElseThrow();

        var admission = effective.admit(WorkloadSpec.getDefaultInstance());

        assertThat(admission.spec().getType()).isEqualTo(policy.kind().apiType());
        assertThat(effective.validate(admission.spec())).isEqualTo(admission.violations());
    }

    private static void readOrReject(String text) {
        try {
            List<WorkloadPolicy> policies = PolicyManifests.read("fuzz.yaml", text);
            assertThat(policies).isNotEmpty();
        } catch (ManifestException e) {
            assertThat(e.problem().oneLine()).startsWith("fuzz.yaml").doesNotContain("\n");
        }
        try {
            WorkloadManifests.read("fuzz.yaml", text);
        } catch (ManifestException e) {
            assertThat(e.problem().source()).isEqualTo("fuzz.yaml");
        }
    }

    @Provide
    Arbitrary<WorkloadPolicy> policies() {
        return PolicyArbitraries.policies();
    }

    @Provide
    Arbitrary<List<WorkloadPolicy>> policyLists() {
        return PolicyArbitraries.policies().list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<String> seed = Arbitraries.oneOf(Arbitraries.just(PolicyManifestsTest.EXAMPLE),
                PolicyArbitraries.policies().map(PolicyManifests::write));
        Arbitrary<String> insert = Arbitraries.of(":", "-", " ", "\n", "\t", "[", "]", "{", "}", "'", "\"", "#", "&a", "*a",
                "!!int", "---", "? ", "|", ">", "%", "@", "`", "\u0000", "\uFEFF", "99999999999999999999", "1e400", "null");
        return Combinators.combine(seed, Arbitraries.integers().between(0, 10_000), insert,
                        Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 6))
                .as((text, position, fragment, operation, width) -> {
                    int at = text.isEmpty() ? 0 : position % text.length();
                    int end = Math.min(text.length(), at + width);
                    return switch (operation) {
                        case 0 -> text.substring(0, at) + fragment + text.substring(at);
                        case 1 -> text.substring(0, at) + text.substring(end);
                        case 2 -> text.substring(0, at) + fragment + text.substring(end);
                        default -> text.substring(0, at);
                    };
                });
    }

    @Provide
    Arbitrary<String> yamlish() {
        return Arbitraries.strings().withChars("abkindmetadaspec:-{}[]'\"#&*!|>%@ \n\t0123456789.,?~")
                .ofMaxLength(120);
    }
}
