package io.runplane.agent.assets;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.runplane.access.Action;
import io.runplane.access.Authorizer;
import io.runplane.access.Decision;
import io.runplane.access.Entity;
import io.runplane.access.Identity;
import io.runplane.access.OrgTree;
import io.runplane.access.Permission;
import io.runplane.access.Scope;
import io.runplane.agent.auth.Caller;
import io.runplane.api.v1.Asset;
import io.runplane.api.v1.AssetKind;
import io.runplane.api.v1.AssetRef;
import io.runplane.api.v1.AssetsGrpc;
import io.runplane.api.v1.CredentialAsset;
import io.runplane.api.v1.DeleteAssetResponse;
import io.runplane.api.v1.ListAssetsRequest;
import io.runplane.api.v1.ListAssetsResponse;
import io.runplane.api.v1.WorkloadSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The Assets API: environments, compute resources, data sources, credentials and templates, each
 * owned by a scope and visible below it. Credential values are write-only.
 */
public final class AssetService extends AssetsGrpc.AssetsImplBase {

    private final AssetStore store;
    private final Supplier<Authorizer> access;
    private final Supplier<OrgTree> org;
    private final Clock clock;
    private final Supplier<Collection<WorkloadSpec>> activeWorkloads;

    private AssetService(AssetStore store, Supplier<Authorizer> access, Supplier<OrgTree> org, Clock clock,
                         Supplier<Collection<WorkloadSpec>> activeWorkloads) {
        this.store = store;
        this.access = access;
        this.org = org;
        this.clock = clock;
        this.activeWorkloads = activeWorkloads;
    }

    /**
     * Opens the assets kept in {@code dataDir}; access rules, the org tree and the workloads that are
     * not finished (which keep the assets they use from being deleted) are read per call, as they change.
     */
    public static AssetService open(Path dataDir, Supplier<Authorizer> access, Supplier<OrgTree> org, Clock clock,
                                    Supplier<Collection<WorkloadSpec>> activeWorkloads) throws IOException {
        return new AssetService(new AssetStore(dataDir), access, org, clock, activeWorkloads);
    }

    /** Resolves the assets workloads name, against this service's assets. */
    public WorkloadAssetResolution resolution() {
        return new WorkloadAssetResolution(this);
    }

    @Override
    public void listAssets(ListAssetsRequest request, StreamObserver<ListAssetsResponse> response) {
        run(response, () -> {
            Scope from = AssetScopes.toScope(request.getScope());
            requireKind(request.getKind());
            authorize(Action.VIEW, request.getKind(), from);
            List<Asset> visible = store.all().stream()
                    .filter(a -> a.getKind() == request.getKind())
                    .filter(a -> AssetScopes.toScope(a.getScope()).covers(from, org.get()))
                    .sorted(Comparator.comparingInt((Asset a) -> AssetScopes.breadth(AssetScopes.toScope(a.getScope())))
                            .thenComparing(Asset::getName))
                    .map(AssetService::withoutSecrets)
                    .toList();
            return ListAssetsResponse.newBuilder().addAllAssets(visible).build();
        });
    }

    @Override
    public void getAsset(AssetRef request, StreamObserver<Asset> response) {
        run(response, () -> {
            AssetKey key = AssetKey.of(request);
            requireKind(key.kind());
            authorize(Action.VIEW, key.kind(), key.scope());
            return withoutSecrets(store.get(key).orElseThrow(() -> AssetErrors.notFound(key)));
        });
    }

    @Override
    public void createAsset(Asset request, StreamObserver<Asset> response) {
        run(response, () -> {
            AssetKey key = AssetKey.of(request);
            requireKind(key.kind());
            authorize(Action.CREATE, key.kind(), key.scope());
            validate(request, Set.of());
            if (store.get(key).isPresent()) {
                throw Status.ALREADY_EXISTS.withDescription("name: " + key.describe() + " already exists").asRuntimeException();
            }
            Timestamp now = now();
            Asset created = request.toBuilder().setCreatedBy(Caller.current().name())
                    .setCreatedAt(now).setUpdatedAt(now).build();
            Asset stored = sealed(created, Optional.empty());
            store.put(stored);
            return withoutSecrets(stored);
        });
    }

    @Override
    public void updateAsset(Asset request, StreamObserver<Asset> response) {
        run(response, () -> {
            AssetKey key = AssetKey.of(request);
            requireKind(key.kind());
            authorize(Action.EDIT, key.kind(), key.scope());
            Asset existing = store.get(key).orElseThrow(() -> AssetErrors.notFound(key));
            validate(request, existing.getCredential().getSecretDataMap().keySet());
            Asset updated = request.toBuilder().setCreatedBy(existing.getCreatedBy())
                    .setCreatedAt(existing.getCreatedAt()).setUpdatedAt(now()).build();
            Asset stored = sealed(updated, Optional.of(existing));
            store.put(stored);
            return withoutSecrets(stored);
        });
    }

    @Override
    public void deleteAsset(AssetRef request, StreamObserver<DeleteAssetResponse> response) {
        run(response, () -> {
            AssetKey key = AssetKey.of(request);
            requireKind(key.kind());
            authorize(Action.DELETE, key.kind(), key.scope());
            store.get(key).orElseThrow(() -> AssetErrors.notFound(key));
            Optional<Asset> user = usersOf(key).stream().findFirst();
            if (user.isPresent()) {
                throw Status.FAILED_PRECONDITION.withDescription(key.describe() + " is used by "
                        + AssetKey.of(user.get()).describe() + "; change or delete that first").asRuntimeException();
            }
            Optional<WorkloadSpec> workload = workloadsUsing(key).stream().findFirst();
            if (workload.isPresent()) {
                throw Status.FAILED_PRECONDITION.withDescription(key.describe() + " is used by workload "
                        + workload.get().getName() + " in project " + workload.get().getProject()
                        + "; delete that workload (or wait until it finishes) first").asRuntimeException();
            }
            store.remove(key);
            return DeleteAssetResponse.getDefaultInstance();
        });
    }

    /** Assets that refer to {@code key} by name and would resolve it to this very asset. */
    private List<Asset> usersOf(AssetKey key) {
        return store.all().stream().filter(a -> refersTo(a, key)).toList();
    }

    /** Unfinished workloads whose asset names resolve, from their project, to {@code key}. */
    private List<WorkloadSpec> workloadsUsing(AssetKey key) {
        return activeWorkloads.get().stream()
                .filter(w -> WorkloadReferences.names(w.getAssets(), key.kind()).contains(key.name()))
                .filter(w -> resolve(key.kind(), key.name(), new Scope.Project(w.getProject()))
                        .map(found -> AssetKey.of(found).equals(key)).orElse(false))
                .toList();
    }

    private boolean refersTo(Asset asset, AssetKey key) {
        List<String> names = switch (asset.getSpecCase()) {
            case TEMPLATE -> switch (key.kind()) {
                case ASSET_KIND_ENVIRONMENT -> List.of(asset.getTemplate().getEnvironment());
                case ASSET_KIND_COMPUTE_RESOURCE -> List.of(asset.getTemplate().getComputeResource());
                case ASSET_KIND_DATA_SOURCE -> asset.getTemplate().getDataSourcesList();
                default -> List.of();
            };
            case DATA_SOURCE -> key.kind() == AssetKind.ASSET_KIND_CREDENTIAL
                    ? List.of(asset.getDataSource().getS3().getCredential(), asset.getDataSource().getGit().getCredential())
                    : List.of();
            default -> List.of();
        };
        if (!names.contains(key.name())) {
            return false;
        }
        Scope from = AssetScopes.toScope(asset.getScope());
        return resolve(key.kind(), key.name(), from).map(found -> AssetKey.of(found).equals(key)).orElse(false);
    }

    /** The asset a name means from a scope: the nearest scope that has one wins. */
    Optional<Asset> resolve(AssetKind kind, String name, Scope from) {
        return store.all().stream()
                .filter(a -> a.getKind() == kind && a.getName().equals(name))
                .filter(a -> AssetScopes.toScope(a.getScope()).covers(from, org.get()))
                .max(Comparator.comparingInt(a -> AssetScopes.breadth(AssetScopes.toScope(a.getScope()))));
    }

    private void validate(Asset asset, Set<String> storedCredentialKeys) {
        List<FieldViolation> problems = new AssetValidator(org.get(),
                (kind, name, from) -> resolve(kind, name, from).isPresent()).validate(asset, storedCredentialKeys);
        if (!problems.isEmpty()) {
            throw AssetErrors.invalid(problems);
        }
    }

    private void authorize(Action action, AssetKind kind, Scope scope) {
        Identity caller = Caller.current();
        Decision decision = access.get().check(caller, Permission.of(action, entityOf(kind)), scope);
        if (decision instanceof Decision.Denied denied) {
            throw AssetErrors.denied(denied);
        }
    }

    private static void requireKind(AssetKind kind) {
        if (kind == AssetKind.ASSET_KIND_UNSPECIFIED || kind == AssetKind.UNRECOGNIZED) {
            throw AssetErrors.invalid(List.of(new FieldViolation("kind",
                    "must be environment, compute resource, data source, credential or template")));
        }
    }

    private static Entity entityOf(AssetKind kind) {
        return switch (kind) {
            case ASSET_KIND_ENVIRONMENT -> Entity.ENVIRONMENTS;
            case ASSET_KIND_COMPUTE_RESOURCE -> Entity.COMPUTE_RESOURCES;
            case ASSET_KIND_DATA_SOURCE -> Entity.DATA_SOURCES;
            case ASSET_KIND_CREDENTIAL -> Entity.CREDENTIALS;
            case ASSET_KIND_TEMPLATE -> Entity.TEMPLATES;
            default -> throw new IllegalArgumentException("no entity for " + kind);
        };
    }

    /** The stored form of a credential: the new values merged over the ones it had, keys listed. */
    private static Asset sealed(Asset asset, Optional<Asset> previous) {
        if (asset.getSpecCase() != Asset.SpecCase.CREDENTIAL) {
            return asset;
        }
        CredentialAsset.Builder credential = asset.getCredential().toBuilder().clearKeys();
        previous.ifPresent(p -> p.getCredential().getSecretDataMap()
                .forEach((k, v) -> { if (!credential.containsSecretData(k)) credential.putSecretData(k, v); }));
        credential.addAllKeys(new TreeSet<>(credential.getSecretDataMap().keySet()));
        return asset.toBuilder().setCredential(credential).build();
    }

    private static Asset withoutSecrets(Asset asset) {
        if (asset.getSpecCase() != Asset.SpecCase.CREDENTIAL) {
            return asset;
        }
        CredentialAsset credential = asset.getCredential();
        return asset.toBuilder().setCredential(credential.toBuilder().clearSecretData().clearKeys()
                .addAllKeys(new TreeSet<>(credential.getSecretDataMap().keySet()))).build();
    }

    private Timestamp now() {
        Instant now = clock.instant();
        return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    }

    @FunctionalInterface
    private interface Call<R> {
        R run() throws IOException;
    }

    private static <R> void run(StreamObserver<R> response, Call<R> call) {
        R result;
        try {
            result = call.run();
        } catch (StatusRuntimeException e) {
            response.onError(e);
            return;
        } catch (IOException e) {
            response.onError(Status.INTERNAL.withDescription("the asset store could not be written: " + e.getMessage())
                    .asRuntimeException());
            return;
        }
        response.onNext(result);
        response.onCompleted();
    }
}
