package io.runplane.agent.access;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.runplane.access.Action;
import io.runplane.access.Authorizer;
import io.runplane.access.Decision;
import io.runplane.access.Entity;
import io.runplane.access.Identity;
import io.runplane.access.OrgTree;
import io.runplane.access.Permission;
import io.runplane.access.Scope;
import io.runplane.agent.auth.Authenticator;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What each caller may view, kept current for open streams. A caller's view (the projects where it
 * may view workloads, and inference workloads) is computed once per access-rule revision and organization and shared
 * by all its streams, so filtering a watch's changes is two set lookups. When the rules change, or
 * the identities file is read again with other groups for a caller, every open stream is told if its
 * caller's view changed or if the permission it was opened with is gone. After a rule change the
 * streams react on the thread that made it, before the change is acknowledged; identities and the
 * organization are looked at by {@link #identitiesOrOrganizationMayHaveChanged()}, which the
 * server calls periodically.
 */
public final class VisibleProjects {

    /** The projects where a caller may view workloads and inference workloads. */
    public record View(Set<String> workloads, Set<String> inference) {
        public View {
            workloads = Set.copyOf(workloads);
            inference = Set.copyOf(inference);
        }

        public boolean allows(String project, boolean inferenceWorkload) {
            return (inferenceWorkload ? inference : workloads).contains(project);
        }
    }

    private static final View NOTHING = new View(Set.of(), Set.of());

    private record Cache(long revision, Object organization, Map<Identity, View> views) {
    }

    private final AccessRuleStore rules;
    private final OrgTree org;
    private final Supplier<? extends Authenticator> identities;
    private final CopyOnWriteArrayList<Follower> followers = new CopyOnWriteArrayList<>();
    private volatile Cache cache = new Cache(-1, null, Map.of());
    private Authenticator identitiesSeen;
    private Object organizationSeen;

    /** @param identities the identities in force now (re-read when their file changes) */
    public VisibleProjects(AccessRuleStore rules, OrgTree org, Supplier<? extends Authenticator> identities) {
        this.rules = rules;
        this.org = org;
        this.identities = identities;
        this.identitiesSeen = identities.get();
        this.organizationSeen = org.version();
        rules.onChange(this::reevaluate);
    }

    /** The caller's view under the rules in force now. */
    public View of(Identity caller) {
        long revision = rules.revision();
        Object organization = org.version();
        Cache current = cache;
        if (current.revision() != revision || current.organization() != organization) {
            current = new Cache(revision, organization, new ConcurrentHashMap<>());
            cache = current;
        }
        return current.views().computeIfAbsent(caller, this::compute);
    }

    private View compute(Identity caller) {
        Authorizer authorizer = new Authorizer(rules.rules(), org);
        return new View(authorizer.projectsWhere(caller, Permission.of(Action.VIEW, Entity.WORKLOADS)),
                authorizer.projectsWhere(caller, Permission.of(Action.VIEW, Entity.INFERENCE_WORKLOADS)));
    }

    /**
     * Calls {@code changed} with the caller's new view each time an access-rule change alters it,
     * until the returned handle is closed.
     */
    public Following followView(Identity caller, View initial, Consumer<View> changed) {
        return follow(new Follower() {
            private View last = initial;

            @Override
            boolean reevaluate(Authenticator known) {
                View now = known.current(caller).map(VisibleProjects.this::of).orElse(NOTHING);
                if (!now.equals(last)) {
                    last = now;
                    changed.accept(now);
                }
                return true;
            }
        });
    }

    /**
     * Calls {@code revoked} once, with the {@code PERMISSION_DENIED} error naming the permission, when
     * an access-rule change takes {@code permission} on {@code scope} away from the caller.
     */
    public Following followPermission(Identity caller, Permission permission, Scope scope, Consumer<StatusRuntimeException> revoked) {
        return follow(new Follower() {
            @Override
            boolean reevaluate(Authenticator known) {
                Optional<Identity> now = known.current(caller);
                String denied = now.isEmpty() ? caller + " may not " + permission + " in " + scope + ": no longer a known identity"
                        : new Authorizer(rules.rules(), org).check(now.get(), permission, scope) instanceof Decision.Denied d ? d.message() : null;
                if (denied != null) {
                    revoked.accept(Status.PERMISSION_DENIED.withDescription(denied).asRuntimeException());
                    return false;
                }
                return true;
            }
        });
    }

    private Following follow(Follower follower) {
        followers.add(follower);
        return () -> followers.remove(follower);
    }

    /**
     * Re-evaluates the open streams if the identities were read again, or the organization changed
     * (a project created, moved or deleted), since the last look.
     */
    public synchronized void identitiesOrOrganizationMayHaveChanged() {
        Authenticator now = identities.get();
        Object organization = org.version();
        if (now != identitiesSeen || organization != organizationSeen) {
            identitiesSeen = now;
            organizationSeen = organization;
            reevaluate();
        }
    }

    private synchronized void reevaluate() {
        Authenticator known = identities.get();
        for (Follower follower : followers) {
            if (!follower.reevaluate(known)) {
                followers.remove(follower);
            }
        }
    }

    /** Stops following; closing twice is harmless. */
    @FunctionalInterface
    public interface Following extends AutoCloseable {
        @Override
        void close();
    }

    private abstract static class Follower {
        /** Re-evaluates under the rules and identities now; false once this follower is done. */
        abstract boolean reevaluate(Authenticator known);
    }
}
