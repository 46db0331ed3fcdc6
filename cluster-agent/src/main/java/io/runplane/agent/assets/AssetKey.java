package io.runplane.agent.assets;

import io.runplane.access.Scope;
import io.runplane.api.v1.Asset;
import io.runplane.api.v1.AssetKind;
import io.runplane.api.v1.AssetRef;

import java.util.Locale;

/** What identifies an asset: its kind, the scope that owns it, and its name. */
record AssetKey(AssetKind kind, Scope scope, String name) {

    static AssetKey of(Asset asset) {
        return new AssetKey(asset.getKind(), AssetScopes.toScope(asset.getScope()), asset.getName());
    }

    static AssetKey of(AssetRef ref) {
        return new AssetKey(ref.getKind(), AssetScopes.toScope(ref.getScope()), ref.getName());
    }

    /** "environment 'jupyter' in project team-a". */
    String describe() {
        return kindName(kind) + " '" + name + "' in " + scope;
    }

    static String kindName(AssetKind kind) {
        return kind.name().replace("ASSET_KIND_", "").replace('_', ' ').toLowerCase(Locale.ROOT);
    }
}
