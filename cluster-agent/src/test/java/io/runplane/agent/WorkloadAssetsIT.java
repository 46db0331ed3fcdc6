package io.runplane.agent;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.runplane.api.v1.Asset;
import io.runplane.api.v1.AssetKind;
import io.runplane.api.v1.AssetRef;
import io.runplane.api.v1.AssetScope;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.ComputeResourceAsset;
import io.runplane.api.v1.CredentialAsset;
import io.runplane.api.v1.CredentialType;
import io.runplane.api.v1.DataSourceAsset;
import io.runplane.api.v1.EnvVar;
import io.runplane.api.v1.EnvironmentAsset;
import io.runplane.api.v1.ListWorkloadsRequest;
import io.runplane.api.v1.NfsSource;
import io.runplane.api.v1.PutPolicyRequest;
import io.runplane.api.v1.PvcSource;
import io.runplane.api.v1.ScopeKind;
import io.runplane.api.v1.ServiceType;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.SubmitWorkloadResponse;
import io.runplane.api.v1.TemplateAsset;
import io.runplane.api.v1.Tool;
import io.runplane.api.v1.ValidateWorkloadRequest;
import io.runplane.api.v1.ValidateWorkloadResponse;
import io.runplane.api.v1.Volume;
import io.runplane.api.v1.WatchWorkloadsRequest;
import io.runplane.api.v1.WatchWorkloadsResponse;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadAssets;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Workloads built from assets, over a real socket on the default cluster (departments research
 * {vision, nlp} and product {serving}). Each test uses its own workload and asset names; the class
 * puts one policy, imposing assets on training in project nlp, where only the imposed-asset tests submit.
 */
class WorkloadAssetsIT {

    private static final String SECRET_VALUE = "hf_do-not-show-this-value";

    @RegisterExtension
    static final RunningAgent runplane = RunningAgent.atTimeScale(50);

    @BeforeAll
    static void assets() {
        create(Asset.newBuilder().setKind(AssetKind.ASSET_KIND_ENVIRONMENT).setScope(cluster()).setName("pytorch")
                .setEnvironment(EnvironmentAsset.newBuilder()
                        .setImage("nvcr.io/nvidia/pytorch:24.08-py3")
                        .addCommand("jupyter").addArgs("lab")
                        .addEnvironment(EnvVar.newBuilder().setName("HF_HOME").setValue("/data/hf"))
                        .addEnvironment(EnvVar.newBuilder().setName("LOG_LEVEL").setValue("info"))
                        .addTools(Tool.newBuilder().setName("jupyter").setKind("jupyter").setContainerPort(8888)
                                .setServiceType(ServiceType.SERVICE_TYPE_CLUSTER_IP))
                        .setRunAsUid(1000).setRunAsGid(100)));
        create(Asset.newBuilder().setKind(AssetKind.ASSET_KIND_COMPUTE_RESOURCE).setScope(cluster()).setName("one-gpu")
                .setComputeResource(ComputeResourceAsset.newBuilder().setCompute(ComputeRequest.newBuilder()
                        .setGpuDevices(1).setCpuMillis(4000).setMemoryMib(16384))));
        create(Asset.newBuilder().setKind(AssetKind.ASSET_KIND_DATA_SOURCE).setScope(department("research")).setName("datasets")
                .setDataSource(DataSourceAsset.newBuilder().setMountPath("/data")
                        .setPvc(PvcSource.newBuilder().setClaimName("datasets-pvc"))));
        create(Asset.newBuilder().setKind(AssetKind.ASSET_KIND_DATA_SOURCE).setScope(cluster()).setName("shared-scratch")
                .setDataSource(DataSourceAsset.newBuilder().setMountPath("/scratch")
                        .setNfs(NfsSource.newBuilder().setServer("nfs.example.com").setPath("/exports/scratch"))));
        create(Asset.newBuilder().setKind(AssetKind.ASSET_KIND_DATA_SOURCE).setScope(project("nlp")).setName("nlp-corpus")
                .setDataSource(DataSourceAsset.newBuilder().setMountPath("/corpus")
                        .setPvc(PvcSource.newBuilder().setClaimName("corpus"))));
        runplane.client().policies().putPolicy(PutPolicyRequest.newBuilder().setManifest("""
                apiVersion: runplane.io/v1alpha1
                kind: TrainingPolicy
                metadata:
                  name: nlp-imposed
                  namespace: runplane-nlp
                spec:
                  imposedAssets:
                    - shared-scratch
                    - nlp-corpus
                """).build());
    }

    @Test
    void aWorkloadGetsItsImageComputeToolsAndMountsFromItsAssets() {
        SubmitWorkloadResponse response = submit(WorkloadSpec.newBuilder().setProject("vision").setName("from-assets")
                .setType(WorkloadType.WORKLOAD_TYPE_INTERACTIVE)
                .setAssets(WorkloadAssets.newBuilder().setEnvironment("pytorch").setComputeResource("one-gpu").addDataSources("datasets")));

        Workload got = workload("vision", "from-assets");
        WorkloadSpec spec = got.getSpec();
        assertThat(spec.getImage()).isEqualTo("nvcr.io/nvidia/pytorch:24.08-py3");
        assertThat(spec.getCommandList()).containsExactly("jupyter");
        assertThat(spec.getArgsList()).containsExactly("lab");
        assertThat(spec.getCompute().getGpuDevices()).isEqualTo(1);
        assertThat(spec.getCompute().getCpuMillis()).isEqualTo(4000);
        assertThat(spec.getCompute().getMemoryMib()).isEqualTo(16384);
        assertThat(spec.getSecurity().getRunAsUid()).isEqualTo(1000);
        assertThat(spec.getSecurity().getRunAsGid()).isEqualTo(100);
        assertThat(spec.getVolumesList()).containsExactly(Volume.newBuilder()
                .setName("datasets").setMountPath("/data").setClaimName("datasets-pvc").build());
        assertThat(got.getConnectionsList()).anySatisfy(c -> assertThat(c.getName()).isEqualTo("jupyter"));
        assertThat(spec.getAssets().getEnvironment()).isEqualTo("pytorch");
        assertThat(response.getManifest())
                .contains("claimName: datasets-pvc")
                .contains("mountPath: /data")
                .contains("image: nvcr.io/nvidia/pytorch:24.08-py3")
                .contains("gpuDevicesRequest: 1");
    }

    @Test
    void validatingAWorkloadResolvesItsAssetsAsSubmitDoes() {
        ValidateWorkloadResponse validated = runplane.client().policies().validateWorkload(ValidateWorkloadRequest.newBuilder()
                .setSpec(WorkloadSpec.newBuilder().setProject("vision").setName("validated-from-assets")
                        .setType(WorkloadType.WORKLOAD_TYPE_INTERACTIVE)
                        .setAssets(WorkloadAssets.newBuilder().setEnvironment("pytorch").setComputeResource("one-gpu"))).build());
        assertThat(validated.getAccepted()).isTrue();
        assertThat(validated.getSpec().getImage()).isEqualTo("nvcr.io/nvidia/pytorch:24.08-py3");
        assertThat(validated.getSpec().getCompute().getGpuDevices()).isEqualTo(1);

        StatusRuntimeException unknown = catchThrowableOfType(StatusRuntimeException.class, () -> runplane.client().policies()
                .validateWorkload(ValidateWorkloadRequest.newBuilder().setSpec(WorkloadSpec.newBuilder().setProject("vision")
                        .setName("validated-unknown").setType(WorkloadType.WORKLOAD_TYPE_TRAINING)
                        .setAssets(WorkloadAssets.newBuilder().setEnvironment("no-such-env"))).build()));
        assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(unknown.getStatus().getDescription()).contains("no-such-env");
    }

    @Test
    void explicitFieldsOfTheSpecWinOverTheAssets() {
        submit(WorkloadSpec.newBuilder().setProject("vision").setName("overridden")
                .setType(WorkloadType.WORKLOAD_TYPE_TRAINING)
                .setImage("registry.example.com/team/trainer:2")
                .setCompute(ComputeRequest.newBuilder().setGpuPortion(0.5).setMemoryMib(4096))
                .addEnvironment(EnvVar.newBuilder().setName("LOG_LEVEL").setValue("debug"))
                .putAnnotations("runplane.io/simulated-duration", "1h")
                .setAssets(WorkloadAssets.newBuilder().setEnvironment("pytorch").setComputeResource("one-gpu")));

        WorkloadSpec spec = workload("vision", "overridden").getSpec();
        assertThat(spec.getImage()).isEqualTo("registry.example.com/team/trainer:2");
        assertThat(spec.getCommandList()).containsExactly("jupyter");
        assertThat(spec.getCompute().getGpuPortion()).isEqualTo(0.5);
        assertThat(spec.getCompute().getGpuDevices()).isZero();
        assertThat(spec.getCompute().getMemoryMib()).isEqualTo(4096);
        assertThat(spec.getCompute().getCpuMillis()).isEqualTo(4000);
        assertThat(spec.getEnvironmentList()).containsExactly(
                EnvVar.newBuilder().setName("LOG_LEVEL").setValue("debug").build(),
                EnvVar.newBuilder().setName("HF_HOME").setValue("/data/hf").build());
    }

    @Test
    void aTemplateSuppliesItsAssetsAndSettings() {
        create(Asset.newBuilder().setKind(AssetKind.ASSET_KIND_TEMPLATE).setScope(cluster()).setName("notebook")
                .setTemplate(TemplateAsset.newBuilder().setWorkloadType(WorkloadType.WORKLOAD_TYPE_INTERACTIVE)
                        .setEnvironment("pytorch").setComputeResource("one-gpu")
                        .setSettings(WorkloadSpec.newBuilder().putLabels("team", "vision").setWorkingDir("/workspace"))));

        submit(WorkloadSpec.newBuilder().setProject("vision").setName("from-template").setWorkingDir("/home/me")
                .setAssets(WorkloadAssets.newBuilder().setTemplate("notebook")));

        WorkloadSpec spec = workload("vision", "from-template").getSpec();
        assertThat(spec.getType()).isEqualTo(WorkloadType.WORKLOAD_TYPE_INTERACTIVE);
        assertThat(spec.getImage()).isEqualTo("nvcr.io/nvidia/pytorch:24.08-py3");
        assertThat(spec.getCompute().getGpuDevices()).isEqualTo(1);
        assertThat(spec.getLabelsMap()).containsEntry("team", "vision");
        assertThat(spec.getWorkingDir()).isEqualTo("/home/me");
        assertThat(spec.getAssets().getEnvironment()).isEqualTo("pytorch");
    }

    @Test
    void anUnknownOrOutOfScopeAssetIsRefusedNamingTheFieldAndNothingIsStored() {
        create(Asset.newBuilder().setKind(AssetKind.ASSET_KIND_ENVIRONMENT).setScope(project("nlp")).setName("nlp-only")
                .setEnvironment(EnvironmentAsset.newBuilder().setImage("nlp/tools:1")));

        StatusRuntimeException outOfScope = refused(WorkloadSpec.newBuilder().setProject("vision").setName("wrong-scope")
                .setType(WorkloadType.WORKLOAD_TYPE_TRAINING)
                .setAssets(WorkloadAssets.newBuilder().setEnvironment("nlp-only").setComputeResource("one-gpu")));
        StatusRuntimeException unknown = refused(WorkloadSpec.newBuilder().setProject("vision").setName("wrong-scope")
                .setType(WorkloadType.WORKLOAD_TYPE_TRAINING)
                .setAssets(WorkloadAssets.newBuilder().setEnvironment("pytorch").addDataSources("no-such-data")));

        assertThat(outOfScope.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(outOfScope.getStatus().getDescription())
                .contains("spec.assets.environment: no environment \"nlp-only\" visible in project vision");
        assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(unknown.getStatus().getDescription())
                .contains("spec.assets.data_sources[0]: no data source \"no-such-data\" visible in project vision");
        assertThat(runplane.client().workloads().list(ListWorkloadsRequest.newBuilder().setProject("vision").build())
                .getWorkloadsList()).noneSatisfy(w -> assertThat(w.getSpec().getName()).isEqualTo("wrong-scope"));
    }

    @Test
    void aCredentialBecomesSecretReferencesAndItsValueIsNeverShown() {
        create(Asset.newBuilder().setKind(AssetKind.ASSET_KIND_CREDENTIAL).setScope(project("serving")).setName("hf")
                .setCredential(CredentialAsset.newBuilder().setType(CredentialType.CREDENTIAL_TYPE_GENERIC_SECRET)
                        .putSecretData("token", SECRET_VALUE)));

        SubmitWorkloadResponse response = submit(WorkloadSpec.newBuilder().setProject("serving").setName("with-secret")
                .setType(WorkloadType.WORKLOAD_TYPE_TRAINING)
                .putAnnotations("runplane.io/simulated-duration", "1h")
                .setAssets(WorkloadAssets.newBuilder().setEnvironment("pytorch").setComputeResource("one-gpu").addCredentials("hf")));
        Workload got = Await.workload(runplane.client(), "serving", "with-secret", w -> w.getPodsCount() > 0);

        assertThat(got.getSpec().getEnvironmentList()).contains(
                EnvVar.newBuilder().setName("HF_TOKEN").setSecretRef("runplane-credential-hf/token").build());
        assertThat(response.getManifest()).contains("secretKeyRef").doesNotContain(SECRET_VALUE);
        assertThat(got.toString()).doesNotContain(SECRET_VALUE);
        assertThat(watchSnapshot("serving").toString()).contains("with-secret").doesNotContain(SECRET_VALUE);
        assertThat(runplane.client().workloads().list(ListWorkloadsRequest.newBuilder().setProject("serving").build()).toString())
                .doesNotContain(SECRET_VALUE);
    }

    @Test
    void aPolicysImposedAssetIsAttachedAndCannotBeLeftOut() {
        SubmitWorkloadResponse response = submit(Specs.training("nlp", "imposed", "1h")
                .setAssets(WorkloadAssets.newBuilder().addImposed("nothing-imposed")));

        WorkloadSpec spec = workload("nlp", "imposed").getSpec();
        assertThat(spec.getAssets().getImposedList()).containsExactly("shared-scratch", "nlp-corpus");
        assertThat(spec.getAssets().getDataSourcesList()).containsExactly("shared-scratch", "nlp-corpus");
        assertThat(spec.getVolumesList()).anySatisfy(v -> {
            assertThat(v.getMountPath()).isEqualTo("/scratch");
            assertThat(v.getNfsServer()).isEqualTo("nfs.example.com");
        });
        assertThat(response.getManifest()).contains("server: nfs.example.com").contains("mountPath: /scratch");
    }

    @Test
    void anImposedAssetIsAttachedWhenTheTemplateGivesTheType() {
        create(Asset.newBuilder().setKind(AssetKind.ASSET_KIND_TEMPLATE).setScope(cluster()).setName("trainer")
                .setTemplate(TemplateAsset.newBuilder().setWorkloadType(WorkloadType.WORKLOAD_TYPE_TRAINING)
                        .setEnvironment("pytorch").setComputeResource("one-gpu")
                        .setSettings(WorkloadSpec.newBuilder().putAnnotations("runplane.io/simulated-duration", "1h"))));
        submit(WorkloadSpec.newBuilder().setProject("nlp").setName("templated")
                .setAssets(WorkloadAssets.newBuilder().setTemplate("trainer")));

        WorkloadSpec spec = workload("nlp", "templated").getSpec();
        assertThat(spec.getType()).isEqualTo(WorkloadType.WORKLOAD_TYPE_TRAINING);
        assertThat(spec.getAssets().getImposedList()).containsExactly("shared-scratch", "nlp-corpus");
        assertThat(spec.getVolumesList()).anySatisfy(v -> assertThat(v.getClaimName()).isEqualTo("corpus"));
    }

    @Test
    void anAssetUsedByAnUnfinishedWorkloadCannotBeDeleted() {
        create(Asset.newBuilder().setKind(AssetKind.ASSET_KIND_COMPUTE_RESOURCE).setScope(project("vision")).setName("busy")
                .setComputeResource(ComputeResourceAsset.newBuilder().setCompute(ComputeRequest.newBuilder().setCpuMillis(500))));
        submit(Specs.training("vision", "uses-busy", "1h").clearCompute()
                .setAssets(WorkloadAssets.newBuilder().setComputeResource("busy")));
        AssetRef busy = AssetRef.newBuilder().setKind(AssetKind.ASSET_KIND_COMPUTE_RESOURCE).setScope(project("vision")).setName("busy").build();

        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
                () -> runplane.client().assets().deleteAsset(busy));

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(refused.getStatus().getDescription()).contains("workload uses-busy in project vision");
        assertThat(runplane.client().assets().getAsset(busy).getName()).isEqualTo("busy");

        runplane.client().workloads().delete(WorkloadRef.newBuilder().setProject("vision").setName("uses-busy").build());
        Await.deleted(runplane.client(), "vision", "uses-busy");
        runplane.client().assets().deleteAsset(busy);
        assertThat(catchThrowableOfType(StatusRuntimeException.class, () -> runplane.client().assets().getAsset(busy))
                .getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    private static SubmitWorkloadResponse submit(WorkloadSpec.Builder spec) {
        return runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(spec).build());
    }

    private static StatusRuntimeException refused(WorkloadSpec.Builder spec) {
        return catchThrowableOfType(StatusRuntimeException.class, () -> submit(spec));
    }

    private static Workload workload(String project, String name) {
        return runplane.client().workloads().get(WorkloadRef.newBuilder().setProject(project).setName(name).build());
    }

    private static WatchWorkloadsResponse watchSnapshot(String project) {
        AtomicReference<WatchWorkloadsResponse> first = new AtomicReference<>();
        Context.CancellableContext watching = Context.current().withCancellation();
        try {
            watching.run(() -> {
                Iterator<WatchWorkloadsResponse> stream = runplane.client().workloads()
                        .watch(WatchWorkloadsRequest.newBuilder().setProject(project).build());
                first.set(stream.next());
            });
        } finally {
            watching.cancel(null);
        }
        return first.get();
    }

    private static void create(Asset.Builder asset) {
        runplane.client().assets().createAsset(asset.build());
    }

    private static AssetScope cluster() {
        return AssetScope.newBuilder().setKind(ScopeKind.SCOPE_KIND_CLUSTER).build();
    }

    private static AssetScope department(String name) {
        return AssetScope.newBuilder().setKind(ScopeKind.SCOPE_KIND_DEPARTMENT).setName(name).build();
    }

    private static AssetScope project(String name) {
        return AssetScope.newBuilder().setKind(ScopeKind.SCOPE_KIND_PROJECT).setName(name).build();
    }
}
