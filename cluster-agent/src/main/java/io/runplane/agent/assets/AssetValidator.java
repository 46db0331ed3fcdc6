package io.runplane.agent.assets;

import io.runplane.access.OrgTree;
import io.runplane.access.Scope;
import io.runplane.api.v1.Asset;
import io.runplane.api.v1.AssetKind;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.CredentialAsset;
import io.runplane.api.v1.DataSourceAsset;
import io.runplane.api.v1.EnvironmentAsset;
import io.runplane.api.v1.ScopeKind;
import io.runplane.api.v1.TemplateAsset;
import io.runplane.api.v1.Tool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/** Checks an asset before it is stored; every problem is reported at once, each on its field. */
final class AssetValidator {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SIZE = Pattern.compile("[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|K|M|G|T|P)?");
    private static final Set<String> PULL_POLICIES = Set.of("", "Always", "IfNotPresent", "Never");
    private static final Map<io.runplane.api.v1.CredentialType, List<String>> REQUIRED_KEYS = Map.of(
            io.runplane.api.v1.CredentialType.CREDENTIAL_TYPE_REGISTRY, List.of("username", "password"),
            io.runplane.api.v1.CredentialType.CREDENTIAL_TYPE_ACCESS_KEY, List.of("access_key_id", "secret_access_key"),
            io.runplane.api.v1.CredentialType.CREDENTIAL_TYPE_USER_PASSWORD, List.of("username", "password"),
            io.runplane.api.v1.CredentialType.CREDENTIAL_TYPE_GENERIC_SECRET, List.of());

    private final OrgTree org;
    /** Whether an asset of that kind and name is visible from the scope. */
    private final VisibleAssets visible;

    @FunctionalInterface
    interface VisibleAssets {
        boolean exists(AssetKind kind, String name, Scope from);
    }

    AssetValidator(OrgTree org, VisibleAssets visible) {
        this.org = org;
        this.visible = visible;
    }

    /**
     * @param storedCredentialKeys the keys a credential already has (on update), so that an update
     *                             need not send its secret values again
     */
    List<FieldViolation> validate(Asset asset, Set<String> storedCredentialKeys) {
        List<FieldViolation> problems = new ArrayList<>();
        checkName("name", asset.getName(), problems);
        Scope scope = AssetScopes.toScope(asset.getScope());
        if (asset.getScope().getKind() == ScopeKind.SCOPE_KIND_UNSPECIFIED) {
            problems.add(new FieldViolation("scope.kind", "must be cluster, department or project"));
        } else if (!org.exists(scope)) {
            problems.add(new FieldViolation("scope.name", "no " + scope + " exists"));
        }
        BiPredicate<AssetKind, String> resolvable = (kind, name) -> visible.exists(kind, name, scope);
        switch (asset.getKind()) {
            case ASSET_KIND_ENVIRONMENT -> requireSpec(asset, Asset.SpecCase.ENVIRONMENT, problems,
                    () -> environment(asset.getEnvironment(), problems));
            case ASSET_KIND_COMPUTE_RESOURCE -> requireSpec(asset, Asset.SpecCase.COMPUTE_RESOURCE, problems,
                    () -> compute("compute_resource.compute", asset.getComputeResource().getCompute(), problems));
            case ASSET_KIND_DATA_SOURCE -> requireSpec(asset, Asset.SpecCase.DATA_SOURCE, problems,
                    () -> dataSource(asset.getDataSource(), resolvable, problems));
            case ASSET_KIND_CREDENTIAL -> requireSpec(asset, Asset.SpecCase.CREDENTIAL, problems,
                    () -> credential(asset.getCredential(), storedCredentialKeys, problems));
            case ASSET_KIND_TEMPLATE -> requireSpec(asset, Asset.SpecCase.TEMPLATE, problems,
                    () -> template(asset.getTemplate(), resolvable, problems));
            default -> problems.add(new FieldViolation("kind",
                    "must be environment, compute resource, data source, credential or template"));
        }
        return problems;
    }

    private static void requireSpec(Asset asset, Asset.SpecCase expected, List<FieldViolation> problems, Runnable check) {
        String field = expected.name().toLowerCase(java.util.Locale.ROOT);
        if (asset.getSpecCase() != expected) {
            problems.add(new FieldViolation(field, "is required for a " + AssetKey.kindName(asset.getKind())));
        } else {
            check.run();
        }
    }

    private static void environment(EnvironmentAsset env, List<FieldViolation> problems) {
        if (env.getImage().isBlank()) {
            problems.add(new FieldViolation("environment.image", "is required"));
        } else if (env.getImage().chars().anyMatch(Character::isWhitespace)) {
            problems.add(new FieldViolation("environment.image", "must not contain spaces"));
        }
        if (!PULL_POLICIES.contains(env.getImagePullPolicy())) {
            problems.add(new FieldViolation("environment.image_pull_policy", "must be Always, IfNotPresent or Never"));
        }
        for (int i = 0; i < env.getToolsCount(); i++) {
            Tool tool = env.getTools(i);
            if (tool.getName().isBlank()) {
                problems.add(new FieldViolation("environment.tools[" + i + "].name", "is required"));
            }
            if (tool.getContainerPort() < 1 || tool.getContainerPort() > 65535) {
                problems.add(new FieldViolation("environment.tools[" + i + "].container_port", "must be between 1 and 65535"));
            }
        }
        for (int i = 0; i < env.getEnvironmentCount(); i++) {
            if (!env.getEnvironment(i).getName().matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                problems.add(new FieldViolation("environment.environment[" + i + "].name", "must be a valid variable name"));
            }
        }
        if (env.getRunAsUid() < 0) {
            problems.add(new FieldViolation("environment.run_as_uid", "must not be negative"));
        }
        if (env.getRunAsGid() < 0) {
            problems.add(new FieldViolation("environment.run_as_gid", "must not be negative"));
        }
    }

    static void compute(String path, ComputeRequest compute, List<FieldViolation> problems) {
        if (compute.getGpuDevices() < 0) {
            problems.add(new FieldViolation(path + ".gpu_devices", "must not be negative"));
        }
        if (compute.getGpuPortion() < 0 || compute.getGpuPortion() >= 1) {
            problems.add(new FieldViolation(path + ".gpu_portion", "must be at least 0 and below 1"));
        }
        int gpuForms = (compute.getGpuDevices() > 0 ? 1 : 0) + (compute.getGpuPortion() > 0 ? 1 : 0)
                + (compute.getGpuMemoryMib() > 0 ? 1 : 0);
        if (gpuForms > 1) {
            problems.add(new FieldViolation(path, "set only one of gpu_devices, gpu_portion and gpu_memory_mib"));
        }
        if (compute.getGpuPortionLimit() != 0 && compute.getGpuPortionLimit() < compute.getGpuPortion()) {
            problems.add(new FieldViolation(path + ".gpu_portion_limit", "must be at least gpu_portion"));
        }
        nonNegative(path + ".gpu_memory_mib", compute.getGpuMemoryMib(), problems);
        nonNegative(path + ".cpu_millis", compute.getCpuMillis(), problems);
        nonNegative(path + ".memory_mib", compute.getMemoryMib(), problems);
        if (compute.getCpuLimitMillis() != 0 && compute.getCpuLimitMillis() < compute.getCpuMillis()) {
            problems.add(new FieldViolation(path + ".cpu_limit_millis", "must be at least cpu_millis"));
        }
        if (compute.getMemoryLimitMib() != 0 && compute.getMemoryLimitMib() < compute.getMemoryMib()) {
            problems.add(new FieldViolation(path + ".memory_limit_mib", "must be at least memory_mib"));
        }
    }

    private static void dataSource(DataSourceAsset source, BiPredicate<AssetKind, String> resolvable,
                                   List<FieldViolation> problems) {
        if (!source.getMountPath().startsWith("/")) {
            problems.add(new FieldViolation("data_source.mount_path", "must be an absolute path"));
        }
        switch (source.getSourceCase()) {
            case PVC -> {
                if (source.getPvc().getClaimName().isBlank()) {
                    if (!SIZE.matcher(source.getPvc().getSize()).matches()) {
                        problems.add(new FieldViolation("data_source.pvc.size",
                                "must be a quantity such as 10Gi when no claim_name is given"));
                    }
                    if (source.getPvc().getAccessModesCount() == 0) {
                        problems.add(new FieldViolation("data_source.pvc.access_modes", "needs at least one mode for a new claim"));
                    }
                }
            }
            case NFS -> {
                required("data_source.nfs.server", source.getNfs().getServer(), problems);
                if (!source.getNfs().getPath().startsWith("/")) {
                    problems.add(new FieldViolation("data_source.nfs.path", "must be an absolute path"));
                }
            }
            case S3 -> DataFetchValidation.s3(source.getS3(), resolvable, problems);
            case GIT -> DataFetchValidation.git(source.getGit(), resolvable, problems);
            case HOST_PATH -> {
                if (!source.getHostPath().getPath().startsWith("/")) {
                    problems.add(new FieldViolation("data_source.host_path.path", "must be an absolute path"));
                }
            }
            case CONFIG_MAP -> required("data_source.config_map.config_map", source.getConfigMap().getConfigMap(), problems);
            case SECRET -> required("data_source.secret.secret", source.getSecret().getSecret(), problems);
            case SOURCE_NOT_SET -> problems.add(new FieldViolation("data_source",
                    "needs one source: pvc, nfs, s3, git, host_path, config_map or secret"));
        }
    }

    static void credentialRef(String field, String name, BiPredicate<AssetKind, String> resolvable,
                                      List<FieldViolation> problems) {
        if (!name.isEmpty() && !resolvable.test(AssetKind.ASSET_KIND_CREDENTIAL, name)) {
            problems.add(new FieldViolation(field, "no credential '" + name + "' is visible from this scope"));
        }
    }

    private static void credential(CredentialAsset credential, Set<String> storedKeys, List<FieldViolation> problems) {
        List<String> required = REQUIRED_KEYS.get(credential.getType());
        if (required == null) {
            problems.add(new FieldViolation("credential.type",
                    "must be registry, access key, user/password or generic secret"));
            return;
        }
        for (String key : required) {
            if (credential.getSecretDataOrDefault(key, "").isEmpty() && !storedKeys.contains(key)) {
                problems.add(new FieldViolation("credential.secret_data." + key, "is required"));
            }
        }
        if (credential.getType() == io.runplane.api.v1.CredentialType.CREDENTIAL_TYPE_GENERIC_SECRET
                && credential.getSecretDataCount() == 0 && storedKeys.isEmpty()) {
            problems.add(new FieldViolation("credential.secret_data", "needs at least one key"));
        }
        if (credential.getType() == io.runplane.api.v1.CredentialType.CREDENTIAL_TYPE_REGISTRY) {
            required("credential.registry_url", credential.getRegistryUrl(), problems);
        }
    }

    private static void template(TemplateAsset template, BiPredicate<AssetKind, String> resolvable,
                                 List<FieldViolation> problems) {
        if (template.getWorkloadType() == io.runplane.api.v1.WorkloadType.WORKLOAD_TYPE_UNSPECIFIED) {
            problems.add(new FieldViolation("template.workload_type", "is required"));
        }
        if (template.getEnvironment().isBlank()) {
            problems.add(new FieldViolation("template.environment", "is required"));
        } else if (!resolvable.test(AssetKind.ASSET_KIND_ENVIRONMENT, template.getEnvironment())) {
            problems.add(new FieldViolation("template.environment",
                    "no environment '" + template.getEnvironment() + "' is visible from this scope"));
        }
        if (!template.getComputeResource().isBlank()
                && !resolvable.test(AssetKind.ASSET_KIND_COMPUTE_RESOURCE, template.getComputeResource())) {
            problems.add(new FieldViolation("template.compute_resource",
                    "no compute resource '" + template.getComputeResource() + "' is visible from this scope"));
        }
        for (int i = 0; i < template.getDataSourcesCount(); i++) {
            if (!resolvable.test(AssetKind.ASSET_KIND_DATA_SOURCE, template.getDataSources(i))) {
                problems.add(new FieldViolation("template.data_sources[" + i + "]",
                        "no data source '" + template.getDataSources(i) + "' is visible from this scope"));
            }
        }
    }

    private static void checkName(String field, String name, List<FieldViolation> problems) {
        if (name.isEmpty()) {
            problems.add(new FieldViolation(field, "is required"));
        } else if (name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
            problems.add(new FieldViolation(field,
                    "must be a DNS-1123 label: at most 63 lower-case letters, digits and '-', starting and ending alphanumeric"));
        }
    }

    static void required(String field, String value, List<FieldViolation> problems) {
        if (value.isBlank()) {
            problems.add(new FieldViolation(field, "is required"));
        }
    }

    private static void nonNegative(String field, long value, List<FieldViolation> problems) {
        if (value < 0) {
            problems.add(new FieldViolation(field, "must not be negative"));
        }
    }
}
