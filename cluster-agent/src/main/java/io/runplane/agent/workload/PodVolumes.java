package io.runplane.agent.workload;

import io.runplane.api.v1.Volume;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod volumes and container mounts a workload's volumes become in its manifest. An S3 or Git
 * volume is an empty directory that an init container fills before the workload's containers start:
 * {@code aws s3 sync} of the bucket's prefix, or {@code git clone} of the branch then a checkout of
 * the revision. The values reach the script as variables, never spliced into it, and the
 * credential comes from its secret.
 */
final class PodVolumes {

    static final String S3_IMAGE = "amazon/aws-cli:2.22.35";
    static final String GIT_IMAGE = "alpine/git:2.47.2";
    private static final String S3_SYNC = "exec aws s3 sync \"s3://$S3_BUCKET/$S3_PATH\" \"$DATA_PATH\""
            + " ${S3_ENDPOINT:+--endpoint-url \"$S3_ENDPOINT\"}";
    private static final String GIT_CLONE = String.join("\n",
            "set -e",
            "if [ -n \"$GIT_USERNAME\" ]; then",
            "  git config --global credential.helper '!f() { echo \"username=$GIT_USERNAME\"; echo \"password=$GIT_PASSWORD\"; }; f'",
            "fi",
            "git clone ${GIT_BRANCH:+--branch \"$GIT_BRANCH\"} \"$GIT_REPOSITORY\" \"$DATA_PATH\"",
            "if [ -n \"$GIT_REVISION\" ]; then git -C \"$DATA_PATH\" checkout --detach \"$GIT_REVISION\"; fi");

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
            } else if (fetched(v) || v.getEphemeral()) {
                volume.put("emptyDir", Map.of());
            } else {
                String claim = v.getClaimName().isEmpty() ? workload + "-" + v.getName() : v.getClaimName();
                volume.put("persistentVolumeClaim", ordered("claimName", claim, "readOnly", v.getReadOnly()));
            }
            out.add(volume);
        }
        return out;
    }

    static boolean fetched(Volume v) {
        return !v.getS3Bucket().isEmpty() || !v.getGitRepository().isEmpty();
    }

    /** The init container of each S3 or Git volume, named {@code fetch-<volume>}, with the volume mounted where the workload sees it. */
    static List<Map<String, Object>> initContainers(List<Volume> volumes) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Volume v : volumes) {
            if (!fetched(v)) {
                continue;
            }
            boolean s3 = !v.getS3Bucket().isEmpty();
            List<Map<String, Object>> env = new ArrayList<>();
            env.add(ordered("name", "DATA_PATH", "value", v.getMountPath()));
            if (s3) {
                env.add(ordered("name", "S3_BUCKET", "value", v.getS3Bucket()));
                env.add(ordered("name", "S3_PATH", "value", v.getS3Path()));
                env.add(ordered("name", "S3_ENDPOINT", "value", v.getS3Url()));
                secretVariable(env, "AWS_ACCESS_KEY_ID", v.getFetchSecret(), "access_key_id");
                secretVariable(env, "AWS_SECRET_ACCESS_KEY", v.getFetchSecret(), "secret_access_key");
            } else {
                env.add(ordered("name", "GIT_REPOSITORY", "value", v.getGitRepository()));
                env.add(ordered("name", "GIT_BRANCH", "value", v.getGitBranch()));
                env.add(ordered("name", "GIT_REVISION", "value", v.getGitRevision()));
                secretVariable(env, "GIT_USERNAME", v.getFetchSecret(), "username");
                secretVariable(env, "GIT_PASSWORD", v.getFetchSecret(), "password");
            }
            String script = s3 ? S3_SYNC + (v.getFetchSecret().isEmpty() ? " --no-sign-request" : "") : GIT_CLONE;
            out.add(ordered("name", fetchContainer(v),
                    "image", s3 ? S3_IMAGE : GIT_IMAGE,
                    "command", List.of("sh", "-c", script),
                    "env", env,
                    "volumeMounts", List.of(ordered("name", v.getName(), "mountPath", v.getMountPath()))));
        }
        return out;
    }

    static String fetchContainer(Volume v) {
        return "fetch-" + v.getName();
    }

    private static void secretVariable(List<Map<String, Object>> env, String name, String secret, String key) {
        if (!secret.isEmpty()) {
            env.add(ordered("name", name, "valueFrom", Map.of("secretKeyRef", ordered("name", secret, "key", key))));
        }
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
