package io.runplane.agent.assets;

import io.runplane.access.Scope;
import io.runplane.api.v1.AssetScope;
import io.runplane.api.v1.ScopeKind;

/** Converts between the API's asset scope and the access model's scope. */
final class AssetScopes {

    private AssetScopes() {
    }

    /** An unset scope means the cluster. */
    static Scope toScope(AssetScope scope) {
        return switch (scope.getKind()) {
            case SCOPE_KIND_DEPARTMENT -> new Scope.Department(scope.getName());
            case SCOPE_KIND_PROJECT -> new Scope.Project(scope.getName());
            default -> Scope.CLUSTER;
        };
    }

    static AssetScope toApi(Scope scope) {
        return switch (scope) {
            case Scope.Cluster c -> AssetScope.newBuilder().setKind(ScopeKind.SCOPE_KIND_CLUSTER).build();
            case Scope.Department d -> AssetScope.newBuilder().setKind(ScopeKind.SCOPE_KIND_DEPARTMENT).setName(d.name()).build();
            case Scope.Project p -> AssetScope.newBuilder().setKind(ScopeKind.SCOPE_KIND_PROJECT).setName(p.name()).build();
        };
    }

    /** Broadest first: cluster, then department, then project. */
    static int breadth(Scope scope) {
        return switch (scope) {
            case Scope.Cluster c -> 0;
            case Scope.Department d -> 1;
            case Scope.Project p -> 2;
        };
    }
}
