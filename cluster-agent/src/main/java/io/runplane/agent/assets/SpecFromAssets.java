package io.runplane.agent.assets;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.runplane.api.v1.Asset;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.DataSourceAsset;
import io.runplane.api.v1.EnvVar;
import io.runplane.api.v1.EnvironmentAsset;
import io.runplane.api.v1.Security;
import io.runplane.api.v1.Volume;
import io.runplane.api.v1.WorkloadSpec;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * How each kind of asset fills a workload spec. The rule everywhere: a value the spec sets
 * explicitly wins over the asset's; variables, volumes and mounts are merged by name, the spec's
 * winning on a clash.
 */
final class SpecFromAssets {

    /** The Kubernetes secret a credential's values are kept in, in the workload's namespace. */
    static final String CREDENTIAL_SECRET_PREFIX = "runplane-credential-";

    private static final Set<String> NEVER_FROM_TEMPLATE = Set.of("project", "name", "assets");

    private SpecFromAssets() {
    }

    static void environment(WorkloadSpec.Builder spec, EnvironmentAsset env) {
        if (spec.getImage().isEmpty()) {
            spec.setImage(env.getImage());
        }
        if (spec.getImagePullPolicy().isEmpty()) {
            spec.setImagePullPolicy(env.getImagePullPolicy());
        }
        if (spec.getCommandCount() == 0) {
            spec.addAllCommand(env.getCommandList());
        }
        if (spec.getArgsCount() == 0) {
            spec.addAllArgs(env.getArgsList());
        }
        if (spec.getWorkingDir().isEmpty()) {
            spec.setWorkingDir(env.getWorkingDir());
        }
        if (spec.getToolsCount() == 0) {
            spec.addAllTools(env.getToolsList());
        }
        env.getEnvironmentList().forEach(v -> addVariable(spec, v));
        Security.Builder security = spec.getSecurity().toBuilder();
        if (security.getRunAsUid() == 0) {
            security.setRunAsUid(env.getRunAsUid());
        }
        if (security.getRunAsGid() == 0) {
            security.setRunAsGid(env.getRunAsGid());
        }
        if (spec.hasSecurity() || env.getRunAsUid() != 0 || env.getRunAsGid() != 0) {
            spec.setSecurity(security);
        }
    }

    /** The GPU request is taken as a whole (devices, portion or memory), CPU and memory field by field. */
    static void compute(WorkloadSpec.Builder spec, ComputeRequest asset) {
        ComputeRequest explicit = spec.getCompute();
        ComputeRequest.Builder merged = explicit.toBuilder();
        boolean explicitGpu = explicit.getGpuDevices() > 0 || explicit.getGpuPortion() > 0 || explicit.getGpuMemoryMib() > 0;
        if (!explicitGpu) {
            merged.setGpuDevices(asset.getGpuDevices()).setGpuPortion(asset.getGpuPortion())
                    .setGpuMemoryMib(asset.getGpuMemoryMib()).setGpuPortionLimit(asset.getGpuPortionLimit());
        }
        if (explicit.getCpuMillis() == 0) {
            merged.setCpuMillis(asset.getCpuMillis());
        }
        if (explicit.getCpuLimitMillis() == 0) {
            merged.setCpuLimitMillis(asset.getCpuLimitMillis());
        }
        if (explicit.getMemoryMib() == 0) {
            merged.setMemoryMib(asset.getMemoryMib());
        }
        if (explicit.getMemoryLimitMib() == 0) {
            merged.setMemoryLimitMib(asset.getMemoryLimitMib());
        }
        merged.setLargeShm(explicit.getLargeShm() || asset.getLargeShm());
        spec.setCompute(merged);
    }

    /**
     * A volume mounted at the data source's path, unless the spec has one of that name or path. S3
     * and Git sources become a volume fetched before the workload starts, with the credential's secret.
     */
    static void dataSource(WorkloadSpec.Builder spec, Asset asset) {
        DataSourceAsset source = asset.getDataSource();
        for (Volume existing : spec.getVolumesList()) {
            if (existing.getName().equals(asset.getName()) || existing.getMountPath().equals(source.getMountPath())) {
                return;
            }
        }
        Volume.Builder volume = Volume.newBuilder().setName(asset.getName()).setMountPath(source.getMountPath());
        switch (source.getSourceCase()) {
            case PVC -> volume.setClaimName(source.getPvc().getClaimName()).setStorageClass(source.getPvc().getStorageClass())
                    .addAllAccessModes(source.getPvc().getAccessModesList()).setSize(source.getPvc().getSize());
            case NFS -> volume.setNfsServer(source.getNfs().getServer()).setNfsPath(source.getNfs().getPath())
                    .setReadOnly(source.getNfs().getReadOnly());
            case HOST_PATH -> volume.setHostPath(source.getHostPath().getPath()).setReadOnly(source.getHostPath().getReadOnly());
            case CONFIG_MAP -> volume.setConfigMap(source.getConfigMap().getConfigMap()).setReadOnly(true);
            case SECRET -> volume.setSecret(source.getSecret().getSecret()).setReadOnly(true);
            case S3 -> volume.setS3Bucket(source.getS3().getBucket()).setS3Path(source.getS3().getPath()).setS3Url(source.getS3().getUrl())
                    .setFetchSecret(credentialSecret(source.getS3().getCredential()));
            case GIT -> volume.setGitRepository(source.getGit().getRepository()).setGitBranch(source.getGit().getBranch())
                    .setGitRevision(source.getGit().getRevision()).setFetchSecret(credentialSecret(source.getGit().getCredential()));
            case SOURCE_NOT_SET -> throw new IllegalStateException("data source " + asset.getName() + " was stored without a source");
        }
        spec.addVolumes(volume);
    }

    private static String credentialSecret(String credential) {
        return credential.isEmpty() ? "" : CREDENTIAL_SECRET_PREFIX + credential;
    }

    /** One variable per stored key, named {@code <CREDENTIAL>_<KEY>}, taken from the credential's secret. */
    static void credential(WorkloadSpec.Builder spec, Asset asset) {
        for (String key : asset.getCredential().getSecretDataMap().keySet().stream().sorted().toList()) {
            addVariable(spec, EnvVar.newBuilder()
                    .setName(variableName(asset.getName() + "_" + key))
                    .setSecretRef(CREDENTIAL_SECRET_PREFIX + asset.getName() + "/" + key)
                    .build());
        }
    }

    /** Copies every field of {@code settings} that the spec leaves unset (identity and asset names excepted). */
    static void unsetFields(WorkloadSpec.Builder spec, WorkloadSpec settings) {
        for (FieldDescriptor field : WorkloadSpec.getDescriptor().getFields()) {
            if (NEVER_FROM_TEMPLATE.contains(field.getName())) {
                continue;
            }
            boolean specSets = field.isRepeated() ? spec.getRepeatedFieldCount(field) > 0 : spec.hasField(field);
            boolean templateSets = field.isRepeated() ? settings.getRepeatedFieldCount(field) > 0 : settings.hasField(field);
            if (!specSets && templateSets) {
                spec.setField(field, settings.getField(field));
            }
        }
    }

    private static void addVariable(WorkloadSpec.Builder spec, EnvVar variable) {
        Set<String> names = new HashSet<>();
        spec.getEnvironmentList().forEach(v -> names.add(v.getName()));
        if (!names.contains(variable.getName())) {
            spec.addEnvironment(variable);
        }
    }

    private static String variableName(String text) {
        return text.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    }
}
