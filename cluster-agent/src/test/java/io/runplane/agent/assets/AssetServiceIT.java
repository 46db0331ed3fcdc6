package io.runplane.agent.assets;

import com.google.rpc.BadRequest;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.runplane.access.AccessRule;
import io.runplane.access.Authorizer;
import io.runplane.access.OrgTree;
import io.runplane.access.Role;
import io.runplane.access.Scope;
import io.runplane.access.Subject;
import io.runplane.agent.auth.AuthInterceptor;
import io.runplane.agent.auth.IdentityFile;
import io.runplane.agent.auth.TokenAuthenticator;
import io.runplane.agent.auth.Tokens;
import io.runplane.api.BearerToken;
import io.runplane.api.v1.Asset;
import io.runplane.api.v1.AssetKind;
import io.runplane.api.v1.AssetRef;
import io.runplane.api.v1.AssetScope;
import io.runplane.api.v1.AssetsGrpc;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.ComputeResourceAsset;
import io.runplane.api.v1.CredentialAsset;
import io.runplane.api.v1.CredentialType;
import io.runplane.api.v1.DataSourceAsset;
import io.runplane.api.v1.EnvironmentAsset;
import io.runplane.api.v1.GitSource;
import io.runplane.api.v1.ListAssetsRequest;
import io.runplane.api.v1.ScopeKind;
import io.runplane.api.v1.TemplateAsset;
import io.runplane.api.v1.WorkloadType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Assets API over a real socket, with real tokens and the real permission matrix. */
class AssetServiceIT {

    private static final OrgTree ORG = OrgTree.of(Map.of("team-a", "d1", "team-b", "d1", "team-c", "d2"));
    private static final Authorizer ACCESS = new Authorizer(List.of(
            new AccessRule(new Subject.User("root"), Role.SYSTEM_ADMINISTRATOR, Scope.CLUSTER),
            new AccessRule(new Subject.User("dana"), Role.DEPARTMENT_ADMINISTRATOR, new Scope.Department("d1")),
            new AccessRule(new Subject.User("alice"), Role.L1_RESEARCHER, new Scope.Project("team-a")),
            new AccessRule(new Subject.User("lee"), Role.L2_RESEARCHER, new Scope.Project("team-a"))), ORG);
    private static final List<String> USERS = List.of("root", "dana", "alice", "lee");

    @TempDir
    Path dataDir;

    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(
                        AssetService.open(dataDir, () -> ACCESS, () -> ORG, Clock.systemUTC(), List::of),
                        new AuthInterceptor(new TokenAuthenticator(new IdentityFile(USERS.stream()
                                .map(u -> new IdentityFile.User(u, List.of(), List.of(Tokens.sha256(u + "-token"))))
                                .toList(), List.of())))))
                .build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private AssetsGrpc.AssetsBlockingStub as(String user) {
        return AssetsGrpc.newBlockingStub(channel).withCallCredentials(new BearerToken(user + "-token"));
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

    private static Asset environment(AssetScope scope, String name, String image) {
        return Asset.newBuilder().setKind(AssetKind.ASSET_KIND_ENVIRONMENT).setScope(scope).setName(name)
                .setEnvironment(EnvironmentAsset.newBuilder().setImage(image)).build();
    }

    private List<String> environmentsSeenFrom(String user, AssetScope scope) {
        return as(user).listAssets(ListAssetsRequest.newBuilder().setKind(AssetKind.ASSET_KIND_ENVIRONMENT)
                .setScope(scope).build()).getAssetsList().stream().map(Asset::getName).toList();
    }

    private static Consumer<Throwable> status(Status.Code code, String description) {
        return e -> {
            Status status = ((StatusRuntimeException) e).getStatus();
            assertThat(status.getCode()).isEqualTo(code);
            assertThat(status.getDescription()).isEqualTo(description);
        };
    }

    private static List<String> violatedFields(Throwable e) throws Exception {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertThat(status).isNotNull();
        return status.getDetails(0).unpack(BadRequest.class).getFieldViolationsList().stream()
                .map(BadRequest.FieldViolation::getField).toList();
    }

    @Test
    void assetsAreInheritedDownwardBroadestFirst() {
        as("root").createAsset(environment(cluster(), "pytorch", "pytorch/pytorch:2.4"));
        as("dana").createAsset(environment(department("d1"), "jupyter", "jupyter/scipy-notebook"));
        as("alice").createAsset(environment(project("team-a"), "alice-env", "alice/env:1"));

        assertThat(environmentsSeenFrom("alice", project("team-a"))).containsExactly("pytorch", "jupyter", "alice-env");
        assertThat(environmentsSeenFrom("dana", project("team-b"))).containsExactly("pytorch", "jupyter");
        assertThat(environmentsSeenFrom("root", project("team-c"))).containsExactly("pytorch");
        assertThat(environmentsSeenFrom("root", cluster())).containsExactly("pytorch");
    }

    @Test
    void aRoleActsOnlyWhereAndOnWhatItIsGranted() {
        assertThatThrownBy(() -> as("alice").createAsset(environment(department("d1"), "x", "img")))
                .satisfies(status(Status.Code.PERMISSION_DENIED,
                        "user alice may not create environments in department d1: no access rule grants it"));
        assertThatThrownBy(() -> as("lee").createAsset(environment(project("team-a"), "x", "img")))
                .satisfies(status(Status.Code.PERMISSION_DENIED,
                        "user lee may not create environments in project team-a: no access rule grants it"));
        assertThatThrownBy(() -> as("alice").listAssets(ListAssetsRequest.newBuilder()
                .setKind(AssetKind.ASSET_KIND_ENVIRONMENT).setScope(project("team-b")).build()))
                .satisfies(status(Status.Code.PERMISSION_DENIED,
                        "user alice may not view environments in project team-b: no access rule grants it"));
        assertThatThrownBy(() -> as("dana").createAsset(environment(project("team-c"), "x", "img")))
                .satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode())
                        .isEqualTo(Status.Code.PERMISSION_DENIED));

        assertThat(environmentsSeenFrom("lee", project("team-a"))).isEmpty();
    }

    @Test
    void credentialValuesAreWriteOnlyAndKeptOnUpdate() throws Exception {
        Asset credential = Asset.newBuilder().setKind(AssetKind.ASSET_KIND_CREDENTIAL).setScope(project("team-a"))
                .setName("git-login").setCredential(CredentialAsset.newBuilder()
                        .setType(CredentialType.CREDENTIAL_TYPE_USER_PASSWORD)
                        .putSecretData("username", "alice").putSecretData("password", "s3cret")).build();

        Asset created = as("alice").createAsset(credential);
        Asset updated = as("alice").updateAsset(credential.toBuilder().setDescription("for the model repo")
                .setCredential(CredentialAsset.newBuilder().setType(CredentialType.CREDENTIAL_TYPE_USER_PASSWORD)).build());
        Asset fetched = as("root").getAsset(AssetRef.newBuilder().setKind(AssetKind.ASSET_KIND_CREDENTIAL)
                .setScope(project("team-a")).setName("git-login").build());

        for (Asset seen : List.of(created, updated, fetched)) {
            assertThat(seen.getCredential().getSecretDataMap()).isEmpty();
            assertThat(seen.getCredential().getKeysList()).containsExactly("password", "username");
        }
        assertThat(fetched.getDescription()).isEqualTo("for the model repo");
        assertThat(fetched.getCreatedBy()).isEqualTo("alice");
        Path file = dataDir.resolve(AssetStore.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("s3cret");
    }

    @Test
    void badInputIsAnsweredFieldByFieldAndStoresNothing() throws Exception {
        Asset bad = Asset.newBuilder().setKind(AssetKind.ASSET_KIND_ENVIRONMENT).setScope(project("team-z"))
                .setName("Bad_Name").setEnvironment(EnvironmentAsset.newBuilder().setImagePullPolicy("Sometimes")).build();

        assertThatThrownBy(() -> as("root").createAsset(bad))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactly(
                        "name", "scope.name", "environment.image", "environment.image_pull_policy"))
                .hasMessageContaining("name: must be a DNS-1123 label")
                .hasMessageContaining("scope.name: no project team-z exists");
        Asset compute = Asset.newBuilder().setKind(AssetKind.ASSET_KIND_COMPUTE_RESOURCE).setScope(cluster())
                .setName("half").setComputeResource(ComputeResourceAsset.newBuilder().setCompute(
                        ComputeRequest.newBuilder().setGpuDevices(1).setGpuPortion(0.5).setCpuMillis(-1))).build();
        assertThatThrownBy(() -> as("root").createAsset(compute))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactly(
                        "compute_resource.compute", "compute_resource.compute.cpu_millis"));

        assertThat(environmentsSeenFrom("root", project("team-a"))).isEmpty();
        assertThat(dataDir.resolve(AssetStore.FILE)).doesNotExist();
    }

    @Test
    void templatesResolveNamesFromTheirScopeAndProtectWhatTheyUse() throws Exception {
        as("root").createAsset(environment(cluster(), "pytorch", "pytorch/pytorch:2.4"));
        as("alice").createAsset(environment(project("team-a"), "private", "alice/env:1"));
        Asset template = Asset.newBuilder().setKind(AssetKind.ASSET_KIND_TEMPLATE).setScope(department("d1"))
                .setName("train-default").setTemplate(TemplateAsset.newBuilder()
                        .setWorkloadType(WorkloadType.WORKLOAD_TYPE_TRAINING).setEnvironment("private")).build();

        assertThatThrownBy(() -> as("dana").createAsset(template))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactly("template.environment"))
                .hasMessageContaining("no environment 'private' is visible from this scope");

        as("dana").createAsset(template.toBuilder().setTemplate(template.getTemplate().toBuilder().setEnvironment("pytorch")).build());
        AssetRef pytorch = AssetRef.newBuilder().setKind(AssetKind.ASSET_KIND_ENVIRONMENT).setScope(cluster())
                .setName("pytorch").build();
        assertThatThrownBy(() -> as("root").deleteAsset(pytorch))
                .satisfies(status(Status.Code.FAILED_PRECONDITION, "environment 'pytorch' in the cluster is used by "
                        + "template 'train-default' in department d1; change or delete that first"));

        as("root").deleteAsset(AssetRef.newBuilder().setKind(AssetKind.ASSET_KIND_TEMPLATE).setScope(department("d1"))
                .setName("train-default").build());
        as("root").deleteAsset(pytorch);
        assertThat(environmentsSeenFrom("root", project("team-a"))).containsExactly("private");
    }

    @Test
    void dataSourcesMayOnlyNameCredentialsTheyCanSee() throws Exception {
        Asset gitSource = Asset.newBuilder().setKind(AssetKind.ASSET_KIND_DATA_SOURCE).setScope(project("team-a"))
                .setName("model-repo").setDataSource(DataSourceAsset.newBuilder().setMountPath("/code")
                        .setGit(GitSource.newBuilder().setRepository("https://git.example.com/m.git").setCredential("git-login")))
                .build();

        assertThatThrownBy(() -> as("alice").createAsset(gitSource))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactly("data_source.git.credential"));
        as("alice").createAsset(Asset.newBuilder().setKind(AssetKind.ASSET_KIND_CREDENTIAL).setScope(project("team-a"))
                .setName("git-login").setCredential(CredentialAsset.newBuilder()
                        .setType(CredentialType.CREDENTIAL_TYPE_USER_PASSWORD)
                        .putSecretData("username", "a").putSecretData("password", "b")).build());
        assertThat(as("alice").createAsset(gitSource).getDataSource().getGit().getCredential()).isEqualTo("git-login");
    }

    @Test
    void assetsSurviveARestart() throws Exception {
        as("root").createAsset(environment(cluster(), "pytorch", "pytorch/pytorch:2.4"));
        stop();

        start();

        assertThat(environmentsSeenFrom("alice", project("team-a"))).containsExactly("pytorch");
    }
}
