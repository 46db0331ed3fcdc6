package io.runplane.agent.assets;

import io.runplane.access.Scope;
import io.runplane.agent.workload.FieldProblem;
import io.runplane.agent.workload.WorkloadException;
import io.runplane.api.v1.Asset;
import io.runplane.api.v1.AssetKind;
import io.runplane.api.v1.TemplateAsset;
import io.runplane.api.v1.WorkloadAssets;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Builds a workload from the assets its spec names: each name is resolved from the workload's
 * project, then the template's settings, the environment, the compute resource, the data sources
 * and the credentials fill what the spec leaves unset (see {@link SpecFromAssets}). The policies'
 * imposed assets are attached whatever the request says.
 */
public final class WorkloadAssetResolution {

    private final AssetService assets;

    WorkloadAssetResolution(AssetService assets) {
        this.assets = assets;
    }

    /** The names of the data sources and credentials the project's policies impose on a spec of a known type. */
    @FunctionalInterface
    public interface ImposedAssets {
        List<String> of(WorkloadSpec spec) throws WorkloadException;
    }

    /**
     * The spec with its assets applied, to be checked against policies and submitted in its place.
     * The imposed assets are asked for once the template has supplied the workload type, if it does.
     *
     * @throws WorkloadException INVALID naming every asset field that does not resolve
     */
    public WorkloadSpec resolve(WorkloadSpec spec, ImposedAssets imposedAssets) throws WorkloadException {
        if (!spec.hasAssets()) {
            List<String> imposed = imposedAssets.of(spec);
            return imposed.isEmpty() ? spec : resolve(spec, imposed);
        }
        Optional<Asset> template = Optional.empty();
        if (!spec.getAssets().getTemplate().isEmpty()) {
            template = assets.resolve(AssetKind.ASSET_KIND_TEMPLATE, spec.getAssets().getTemplate(), new Scope.Project(spec.getProject()));
        }
        WorkloadSpec typed = template.isPresent() && spec.getType() == WorkloadType.WORKLOAD_TYPE_UNSPECIFIED
                ? spec.toBuilder().setType(template.get().getTemplate().getWorkloadType()).build() : spec;
        return resolve(spec, imposedAssets.of(typed));
    }

    private WorkloadSpec resolve(WorkloadSpec spec, List<String> imposed) throws WorkloadException {
        Scope from = new Scope.Project(spec.getProject());
        String where = "project " + spec.getProject();
        List<FieldProblem> problems = new ArrayList<>();
        WorkloadAssets.Builder refs = spec.getAssets().toBuilder().clearImposed();
        WorkloadSpec.Builder out = spec.toBuilder();

        if (!refs.getTemplate().isEmpty()) {
            Optional<Asset> template = find(AssetKind.ASSET_KIND_TEMPLATE, refs.getTemplate(), from, "spec.assets.template", where, problems);
            template.ifPresent(t -> applyTemplate(t.getTemplate(), refs, out));
        }
        LinkedHashSet<String> dataSources = new LinkedHashSet<>(refs.getDataSourcesList());
        LinkedHashSet<String> credentials = new LinkedHashSet<>(refs.getCredentialsList());
        for (String name : imposed) {
            if (assets.resolve(AssetKind.ASSET_KIND_DATA_SOURCE, name, from).isPresent()) {
                dataSources.add(name);
            } else if (assets.resolve(AssetKind.ASSET_KIND_CREDENTIAL, name, from).isPresent()) {
                credentials.add(name);
            } else {
                problems.add(new FieldProblem("spec.assets.imposed", "a policy imposes \"" + name
                        + "\" but no data source or credential of that name is visible in " + where));
            }
        }
        refs.clearDataSources().addAllDataSources(dataSources).clearCredentials().addAllCredentials(credentials).addAllImposed(imposed);

        if (!refs.getEnvironment().isEmpty()) {
            find(AssetKind.ASSET_KIND_ENVIRONMENT, refs.getEnvironment(), from, "spec.assets.environment", where, problems)
                    .ifPresent(env -> SpecFromAssets.environment(out, env.getEnvironment()));
        }
        if (!refs.getComputeResource().isEmpty()) {
            find(AssetKind.ASSET_KIND_COMPUTE_RESOURCE, refs.getComputeResource(), from, "spec.assets.compute_resource", where, problems)
                    .ifPresent(compute -> SpecFromAssets.compute(out, compute.getComputeResource().getCompute()));
        }
        for (int i = 0; i < refs.getDataSourcesCount(); i++) {
            String field = "spec.assets.data_sources[" + i + "]";
            find(AssetKind.ASSET_KIND_DATA_SOURCE, refs.getDataSources(i), from, field, where, problems)
                    .ifPresent(ds -> SpecFromAssets.dataSource(out, ds));
        }
        for (int i = 0; i < refs.getCredentialsCount(); i++) {
            find(AssetKind.ASSET_KIND_CREDENTIAL, refs.getCredentials(i), from, "spec.assets.credentials[" + i + "]", where, problems)
                    .ifPresent(credential -> SpecFromAssets.credential(out, credential));
        }
        if (!problems.isEmpty()) {
            throw new WorkloadException(WorkloadException.Kind.INVALID, "the workload's assets do not resolve", problems);
        }
        return out.setAssets(refs).build();
    }

    private Optional<Asset> find(AssetKind kind, String name, Scope from, String field, String where, List<FieldProblem> problems) {
        Optional<Asset> found = assets.resolve(kind, name, from);
        if (found.isEmpty()) {
            problems.add(new FieldProblem(field, "no " + AssetKey.kindName(kind) + " \"" + name + "\" visible in " + where));
        }
        return found;
    }

    /** The template's asset names fill the ones the spec leaves empty; its settings fill unset fields. */
    private static void applyTemplate(TemplateAsset template, WorkloadAssets.Builder refs, WorkloadSpec.Builder out) {
        if (refs.getEnvironment().isEmpty()) {
            refs.setEnvironment(template.getEnvironment());
        }
        if (refs.getComputeResource().isEmpty()) {
            refs.setComputeResource(template.getComputeResource());
        }
        LinkedHashSet<String> dataSources = new LinkedHashSet<>(template.getDataSourcesList());
        dataSources.addAll(refs.getDataSourcesList());
        refs.clearDataSources().addAllDataSources(dataSources);
        if (out.getType() == WorkloadType.WORKLOAD_TYPE_UNSPECIFIED) {
            out.setType(template.getWorkloadType());
        }
        SpecFromAssets.unsetFields(out, template.getSettings());
    }
}
