package io.runplane.access;

import java.util.Collection;
import java.util.Optional;

/** The organization as access control needs it: which projects exist and which department holds each. */
public interface OrgTree {

    Collection<String> projects();

    Optional<String> departmentOf(String project);
}
