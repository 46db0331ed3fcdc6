package io.runplane.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.runplane.api.v1.Asset;
import io.runplane.api.v1.AssetKind;
import io.runplane.api.v1.AssetScope;
import io.runplane.api.v1.CredentialAsset;
import io.runplane.api.v1.CredentialType;
import io.runplane.api.v1.DataSourceAsset;
import io.runplane.api.v1.GitSource;
import io.runplane.api.v1.LogLine;
import io.runplane.api.v1.LogsRequest;
import io.runplane.api.v1.S3Source;
import io.runplane.api.v1.ScopeKind;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.WorkloadAssets;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * S3 and Git data sources over real gRPC: checked field by field when stored, fetched into the pods
 * by an init container in the workload's manifest, and the fetch shows in the simulated pod's logs.
 */
class FetchedDataSourcesIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String SECRET_VALUE = "do-not-show-this-secret";

    @RegisterExtension
    final RunningAgent runplane = RunningAgent.atTimeScale(50);

    private static AssetScope vision() {
        return AssetScope.newBuilder().setKind(ScopeKind.SCOPE_KIND_PROJECT).setName("vision").build();
    }

    private Asset create(Asset.Builder asset) {
        return runplane.client().assets().createAsset(asset.setScope(vision()).build());
    }

    private Map<String, String> violations(Asset.Builder asset) {
        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class, () -> create(asset));
        assertThat(refused).as("the asset should have been refused").isNotNull();
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        try {
            Map<String, String> byField = new java.util.TreeMap<>();
            for (BadRequest.FieldViolation v : StatusProto.fromThrowable(refused).getDetails(0).unpack(BadRequest.class).getFieldViolationsList()) {
                byField.put(v.getField(), v.getDescription());
            }
            return byField;
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static Asset.Builder dataSource(String name, DataSourceAsset.Builder source) {
        return Asset.newBuilder().setKind(AssetKind.ASSET_KIND_DATA_SOURCE).setName(name).setDataSource(source);
    }

    private void credential(String name, CredentialType type, Map<String, String> values) {
        create(Asset.newBuilder().setKind(AssetKind.ASSET_KIND_CREDENTIAL).setName(name)
                .setCredential(CredentialAsset.newBuilder().setType(type).putAllSecretData(values)));
    }

    private String submitWith(String name, String dataSource) {
        return runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(Specs.training("vision", name, "1h")
                .setAssets(WorkloadAssets.newBuilder().addDataSources(dataSource))).build()).getManifest();
    }

    /** The init container of that name in the workload's resource (the first document of the manifest). */
    private static JsonNode initContainer(String manifest, String name) {
        try {
            JsonNode resource = YAML.readTree(manifest.substring(manifest.indexOf("---") + 4, manifest.indexOf("---", 4)));
            for (JsonNode container : resource.path("spec").path("initContainers")) {
                if (container.path("name").asText().equals(name)) {
                    return container;
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no init container " + name + " in\n" + manifest);
    }

    /** Variables by name: the value, or "secret NAME/KEY" for one taken from a secret. */
    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        for (JsonNode v : container.path("env")) {
            JsonNode ref = v.path("valueFrom").path("secretKeyRef");
            env.put(v.path("name").asText(), ref.isMissingNode() ? v.path("value").asText()
                    : "secret " + ref.path("name").asText() + "/" + ref.path("key").asText());
        }
        return env;
    }

    private List<String> logs(String name) {
        Await.status(runplane.client(), "vision", name, WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        List<String> lines = new ArrayList<>();
        runplane.client().workloads().logs(LogsRequest.newBuilder()
                        .setWorkload(WorkloadRef.newBuilder().setProject("vision").setName(name)).build())
                .forEachRemaining((LogLine l) -> lines.add(l.getContainer() + ": " + l.getText()));
        return lines;
    }

    @Test
    void anS3OrGitDataSourceWithBadFieldsIsRefusedNamingEachField() {
        assertThat(violations(dataSource("bad-bucket", DataSourceAsset.newBuilder().setMountPath("/data")
                .setS3(S3Source.newBuilder().setBucket("Not_A_Bucket").setPath("/leading").setUrl("ftp://files.example.com")
                        .setCredential("nobody")))))
                .containsOnlyKeys("data_source.s3.bucket", "data_source.s3.path", "data_source.s3.url", "data_source.s3.credential")
                .containsEntry("data_source.s3.url", "must be an http:// or https:// URL with a host, or empty for AWS S3")
                .containsEntry("data_source.s3.credential", "no credential 'nobody' is visible from this scope");
        assertThat(violations(dataSource("no-bucket", DataSourceAsset.newBuilder().setMountPath("/data").setS3(S3Source.newBuilder()))))
                .containsOnlyKeys("data_source.s3.bucket");
        assertThat(violations(dataSource("bad-repo", DataSourceAsset.newBuilder().setMountPath("code")
                .setGit(GitSource.newBuilder().setRepository("just words").setBranch("-rf").setRevision("HEAD~1")))))
                .containsOnlyKeys("data_source.mount_path", "data_source.git.repository", "data_source.git.branch", "data_source.git.revision")
                .containsEntry("data_source.git.revision", "must be a commit hash of 7 to 40 lower-case hex digits");
    }

    @Test
    void anS3DataSourceIsSyncedByAnInitContainerWithTheAccessKeyFromItsSecret() {
        credential("minio-key", CredentialType.CREDENTIAL_TYPE_ACCESS_KEY,
                Map.of("access_key_id", "AKIAEXAMPLE", "secret_access_key", SECRET_VALUE));
        create(dataSource("imagenet", DataSourceAsset.newBuilder().setMountPath("/data/imagenet")
                .setS3(S3Source.newBuilder().setBucket("datasets").setPath("imagenet/train/").setUrl("https://minio.example.com:9000")
                        .setCredential("minio-key"))));

        String manifest = submitWith("s3-reader", "imagenet");

        JsonNode fetch = initContainer(manifest, "fetch-imagenet");
        assertThat(fetch.path("image").asText()).startsWith("amazon/aws-cli:");
        assertThat(fetch.path("command").get(2).asText()).contains("aws s3 sync").doesNotContain("--no-sign-request");
        assertThat(env(fetch)).containsEntry("DATA_PATH", "/data/imagenet").containsEntry("S3_BUCKET", "datasets")
                .containsEntry("S3_PATH", "imagenet/train/").containsEntry("S3_ENDPOINT", "https://minio.example.com:9000")
                .containsEntry("AWS_ACCESS_KEY_ID", "secret runplane-credential-minio-key/access_key_id")
                .containsEntry("AWS_SECRET_ACCESS_KEY", "secret runplane-credential-minio-key/secret_access_key");
        assertThat(fetch.path("volumeMounts").get(0).path("mountPath").asText()).isEqualTo("/data/imagenet");
        assertThat(manifest).contains("- name: imagenet\n    emptyDir: {}").doesNotContain(SECRET_VALUE);
        assertThat(logs("s3-reader"))
                .contains("fetch-imagenet: download: s3://datasets/imagenet/train/part-00000.parquet to /data/imagenet/part-00000.parquet")
                .contains("fetch-imagenet: synced s3://datasets/imagenet/train/ from https://minio.example.com:9000 into /data/imagenet");
    }

    @Test
    void aGitDataSourceIsClonedByAnInitContainerAtItsBranchAndRevision() {
        credential("git-login", CredentialType.CREDENTIAL_TYPE_USER_PASSWORD, Map.of("username", "bot", "password", SECRET_VALUE));
        create(dataSource("training-code", DataSourceAsset.newBuilder().setMountPath("/code")
                .setGit(GitSource.newBuilder().setRepository("https://git.example.com/ml/train.git").setBranch("release")
                        .setRevision("1a2b3c4d5e").setCredential("git-login"))));
        create(dataSource("public-data", DataSourceAsset.newBuilder().setMountPath("/public")
                .setS3(S3Source.newBuilder().setBucket("open-data"))));

        String manifest = submitWith("git-reader", "training-code");

        JsonNode fetch = initContainer(manifest, "fetch-training-code");
        assertThat(fetch.path("image").asText()).startsWith("alpine/git:");
        assertThat(fetch.path("command").get(2).asText()).contains("git clone", "checkout --detach \"$GIT_REVISION\"");
        assertThat(env(fetch)).containsEntry("DATA_PATH", "/code").containsEntry("GIT_REPOSITORY", "https://git.example.com/ml/train.git")
                .containsEntry("GIT_BRANCH", "release").containsEntry("GIT_REVISION", "1a2b3c4d5e")
                .containsEntry("GIT_USERNAME", "secret runplane-credential-git-login/username")
                .containsEntry("GIT_PASSWORD", "secret runplane-credential-git-login/password");
        assertThat(manifest).doesNotContain(SECRET_VALUE);
        assertThat(logs("git-reader")).contains("fetch-training-code: Cloning into '/code'...",
                "fetch-training-code: HEAD is now at 1a2b3c4 of https://git.example.com/ml/train.git (branch release)");

        assertThat(submitWith("public-reader", "public-data")).as("a public bucket is read without signing")
                .contains("--no-sign-request").doesNotContain("AWS_ACCESS_KEY_ID");
    }
}
