package io.runplane.agent.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.runplane.access.AccessRule;
import io.runplane.access.Role;
import io.runplane.access.Scope;
import io.runplane.access.Subject;

import java.time.Instant;
import java.util.List;

/** The JSON shape of {@code access-rules.json}: plain strings, so the file reads well and survives renames in code. */
record AccessRuleFile(List<Entry> rules) {

    @JsonCreator
    AccessRuleFile(@JsonProperty("rules") List<Entry> rules) {
        this.rules = rules == null ? List.of() : List.copyOf(rules);
    }

    record Entry(String id, String subjectKind, String subject, String role, String scopeKind, String scope,
                 String createdBy, Instant createdAt) {

        static Entry of(StoredRule stored) {
            AccessRule rule = stored.rule();
            String subjectKind = switch (rule.subject()) {
                case Subject.User u -> "user";
                case Subject.Group g -> "group";
                case Subject.Application a -> "application";
            };
            String scopeKind = switch (rule.scope()) {
                case Scope.Cluster c -> "cluster";
                case Scope.Department d -> "department";
                case Scope.Project p -> "project";
            };
            String scopeName = switch (rule.scope()) {
                case Scope.Cluster c -> "";
                case Scope.Department d -> d.name();
                case Scope.Project p -> p.name();
            };
            return new Entry(stored.id(), subjectKind, rule.subject().name(), rule.role().name(), scopeKind, scopeName,
                    stored.createdBy(), stored.createdAt());
        }

        StoredRule toRule() {
            Subject subjectOf = switch (subjectKind) {
                case "user" -> new Subject.User(subject);
                case "group" -> new Subject.Group(subject);
                case "application" -> new Subject.Application(subject);
                default -> throw new IllegalArgumentException("rule " + id + ": subjectKind: unknown kind \"" + subjectKind + "\"");
            };
            Scope scopeOf = switch (scopeKind) {
                case "cluster" -> Scope.CLUSTER;
                case "department" -> new Scope.Department(scope);
                case "project" -> new Scope.Project(scope);
                default -> throw new IllegalArgumentException("rule " + id + ": scopeKind: unknown kind \"" + scopeKind + "\"");
            };
            Role roleOf = Role.parse(role).orElseThrow(
                    () -> new IllegalArgumentException("rule " + id + ": role: unknown role \"" + role + "\""));
            return new StoredRule(id, new AccessRule(subjectOf, roleOf, scopeOf), createdBy, createdAt);
        }
    }
}
