package io.runplane.agent.workload;

import io.runplane.api.v1.Volume;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pod volumes and container mounts a workload's volumes become in its manifest. */
final class PodVolumes {

    private PodVolumes() {
    }

    static List<Map<String, Object>> mounts(List<Volume> volumes) {
        List<Map<String, Object>> mounts = new ArrayList<>();
        for (Volume v : volumes) {
            Map<String, Object> mount = new LinkedHashMap<>();
            mount.put("name", v.getName());
            mount.put("mountPath", v.getMountPath());
            if (v.getReadOnly()) {
                mount.put("readOnly", true);
            }
            mounts.add(mount);
        }
        return mounts;
    }

    /** A claim without a name is the one created for the workload: {@code <workload>-<volume>}. */
    static List<Map<String, Object>> volumes(String workload, List<Volume> volumes) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Volume v : volumes) {
            Map<String, Object> volume = new LinkedHashMap<>();
            volume.put("name", v.getName());
            if (!v.getNfsServer().isEmpty()) {
                volume.put("nfs", ordered("server", v.getNfsServer(), "path", v.getNfsPath(), "readOnly", v.getReadOnly()));
            } else if (!v.getHostPath().isEmpty()) {
                volume.put("hostPath", Map.of("path", v.getHostPath()));
            } else if (!v.getConfigMap().isEmpty()) {
                volume.put("configMap", Map.of("name", v.getConfigMap()));
            } else if (!v.getSecret().isEmpty()) {
                volume.put("secret", Map.of("secretName", v.getSecret()));
            } else if (v.getEphemeral()) {
                volume.put("emptyDir", Map.of());
            } else {
                String claim = v.getClaimName().isEmpty() ? workload + "-" + v.getName() : v.getClaimName();
                volume.put("persistentVolumeClaim", ordered("claimName", claim, "readOnly", v.getReadOnly()));
            }
            out.add(volume);
        }
        return out;
    }

    /** A map that keeps its keys in the order given, so the manifest reads as written. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
