package io.runplane.agent.assets;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.runplane.api.v1.Asset;
import io.runplane.agent.store.AtomicFiles;
import io.runplane.api.v1.ListAssetsResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The assets of the simulated cluster, in one JSON file in the data directory. The file holds
 * credential values, so it is readable by the agent's user only; it is replaced atomically on
 * every change, so a crash leaves the old content or the new.
 */
final class AssetStore {

    static final String FILE = "assets.json";

    private final Path file;
    private final Map<AssetKey, Asset> assets = new LinkedHashMap<>();

    AssetStore(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        this.file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            ListAssetsResponse.Builder stored = ListAssetsResponse.newBuilder();
            try {
                JsonFormat.parser().merge(Files.readString(file), stored);
            } catch (InvalidProtocolBufferException e) {
                throw new IOException(file + ": not a valid asset file: " + e.getMessage(), e);
            }
            stored.getAssetsList().forEach(a -> assets.put(AssetKey.of(a), a));
        }
    }

    synchronized Optional<Asset> get(AssetKey key) {
        return Optional.ofNullable(assets.get(key));
    }

    synchronized Collection<Asset> all() {
        return List.copyOf(assets.values());
    }

    synchronized void put(Asset asset) throws IOException {
        Asset previous = assets.put(AssetKey.of(asset), asset);
        try {
            save();
        } catch (IOException e) {
            restore(AssetKey.of(asset), previous);
            throw e;
        }
    }

    synchronized void remove(AssetKey key) throws IOException {
        Asset previous = assets.remove(key);
        try {
            save();
        } catch (IOException e) {
            restore(key, previous);
            throw e;
        }
    }

    private void restore(AssetKey key, Asset previous) {
        if (previous == null) {
            assets.remove(key);
        } else {
            assets.put(key, previous);
        }
    }

    private void save() throws IOException {
        String json = JsonFormat.printer().print(ListAssetsResponse.newBuilder().addAllAssets(new ArrayList<>(assets.values())));
        AtomicFiles.write(file, json.getBytes(StandardCharsets.UTF_8));
    }
}
