package io.runplane.agent.access;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.grpc.Status;
import io.runplane.access.AccessRule;
import io.runplane.access.Role;
import io.runplane.access.Scope;
import io.runplane.access.Subject;
import io.runplane.agent.auth.LocalIdentity;
import io.runplane.agent.store.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The access rules in force, kept in {@code access-rules.json} in the data directory and replaced
 * atomically on every change. A new directory starts with one rule: the group of the local user,
 * {@value LocalIdentity#ADMINS_GROUP}, is System administrator of the cluster.
 */
public final class AccessRuleStore {

    public static final String FILE = "access-rules.json";
    static final String CREATOR = "runplane-agent";

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final Clock clock;
    private volatile List<StoredRule> stored;
    private volatile List<AccessRule> rules;
    private volatile long revision;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    private AccessRuleStore(Path file, Clock clock, List<StoredRule> stored) {
        this.file = file;
        this.clock = clock;
        publish(stored);
    }

    /** Opens the rules of {@code dataDir}, writing the first administrators' rule when there are none yet. */
    public static AccessRuleStore open(Path dataDir, Clock clock) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            AccessRuleStore store = new AccessRuleStore(file, clock, List.of(new StoredRule(newId(),
                    new AccessRule(new Subject.Group(LocalIdentity.ADMINS_GROUP), Role.SYSTEM_ADMINISTRATOR, Scope.CLUSTER),
                    CREATOR, clock.instant())));
            store.save(store.stored);
            return store;
        }
        try {
            AccessRuleFile content = JSON.readValue(file.toFile(), AccessRuleFile.class);
            return new AccessRuleStore(file, clock, content.rules().stream().map(AccessRuleFile.Entry::toRule).toList());
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** The rules in force, for deciding. */
    public List<AccessRule> rules() {
        return rules;
    }

    /** Counts the changes since the store was opened: equal revisions mean equal rules. */
    public long revision() {
        return revision;
    }

    /** Runs {@code listener} after every change, on the thread that made it. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    public List<StoredRule> list() {
        return stored;
    }

    public synchronized StoredRule create(AccessRule rule, String createdBy) {
        if (stored.stream().anyMatch(s -> s.rule().equals(rule))) {
            throw Status.ALREADY_EXISTS.withDescription("the rule \"" + rule + "\" exists already").asRuntimeException();
        }
        StoredRule created = new StoredRule(newId(), rule, createdBy, clock.instant());
        List<StoredRule> next = new ArrayList<>(stored);
        next.add(created);
        save(next);
        return created;
    }

    public Optional<StoredRule> find(String id) {
        return stored.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Removes a rule, refusing to remove the last System administrator of the cluster, which nobody could replace. */
    public synchronized StoredRule delete(String id) {
        StoredRule doomed = find(id).orElseThrow(() -> Status.NOT_FOUND
                .withDescription("id: no access rule \"" + id + "\"").asRuntimeException());
        List<StoredRule> next = stored.stream().filter(s -> !s.id().equals(id)).toList();
        if (isClusterAdministrator(doomed.rule()) && next.stream().noneMatch(s -> isClusterAdministrator(s.rule()))) {
            throw Status.FAILED_PRECONDITION.withDescription("\"" + doomed.rule()
                    + "\" is the last System administrator rule of the cluster; create another one first").asRuntimeException();
        }
        save(next);
        return doomed;
    }

    private static boolean isClusterAdministrator(AccessRule rule) {
        return rule.role() == Role.SYSTEM_ADMINISTRATOR && rule.scope() instanceof Scope.Cluster;
    }

    private void save(List<StoredRule> next) {
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(new AccessRuleFile(next.stream().map(AccessRuleFile.Entry::of).toList())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        publish(next);
        listeners.forEach(Runnable::run);
    }

    private void publish(List<StoredRule> next) {
        stored = List.copyOf(next);
        rules = stored.stream().map(StoredRule::rule).toList();
        revision++;
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
