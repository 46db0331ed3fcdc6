package io.runplane.console.accessrules;

import io.runplane.api.v1.AccessRule;
import io.runplane.api.v1.AccessScope;
import io.runplane.api.v1.AccessSubject;

/** How access rules read in the console. */
final class AccessRuleText {

    private AccessRuleText() {
    }

    static String subject(AccessSubject subject) {
        return switch (subject.getKind()) {
            case SUBJECT_KIND_GROUP -> "group " + subject.getName();
            case SUBJECT_KIND_APPLICATION -> "application " + subject.getName();
            default -> "user " + subject.getName();
        };
    }

    static String subjectKind(AccessSubject subject) {
        return switch (subject.getKind()) {
            case SUBJECT_KIND_GROUP -> "Group";
            case SUBJECT_KIND_APPLICATION -> "Application";
            default -> "User";
        };
    }

    static String scope(AccessScope scope) {
        return switch (scope.getKind()) {
            case SCOPE_KIND_DEPARTMENT -> "Department " + scope.getName();
            case SCOPE_KIND_PROJECT -> "Project " + scope.getName();
            default -> "Cluster";
        };
    }

    static String describe(AccessRule rule) {
        return subject(rule.getSubject()) + " is " + rule.getRole() + " in " + scope(rule.getScope()).toLowerCase(java.util.Locale.ROOT);
    }
}
