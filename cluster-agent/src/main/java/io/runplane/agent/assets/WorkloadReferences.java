package io.runplane.agent.assets;

import io.runplane.api.v1.AssetKind;
import io.runplane.api.v1.WorkloadAssets;

import java.util.List;

/** The names a workload's stored asset references hold for one kind of asset. */
final class WorkloadReferences {

    private WorkloadReferences() {
    }

    static List<String> names(WorkloadAssets assets, AssetKind kind) {
        return switch (kind) {
            case ASSET_KIND_ENVIRONMENT -> List.of(assets.getEnvironment());
            case ASSET_KIND_COMPUTE_RESOURCE -> List.of(assets.getComputeResource());
            case ASSET_KIND_DATA_SOURCE -> assets.getDataSourcesList();
            case ASSET_KIND_CREDENTIAL -> assets.getCredentialsList();
            case ASSET_KIND_TEMPLATE -> List.of(assets.getTemplate());
            default -> List.of();
        };
    }
}
