package io.runplane.agent.access;

import io.runplane.access.OrgTree;
import io.runplane.agent.cluster.ClusterFile;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

/** The organization of the cluster file in use, read on every question so that changes to it apply at once. */
public final class ClusterOrgTree implements OrgTree {

    private final Supplier<ClusterFile> cluster;

    public ClusterOrgTree(Supplier<ClusterFile> cluster) {
        this.cluster = cluster;
    }

    @Override
    public Collection<String> departments() {
        return cluster.get().departments().stream().map(ClusterFile.DepartmentDef::name).toList();
    }

    @Override
    public Collection<String> projects() {
        return cluster.get().projects().stream().map(ClusterFile.ProjectDef::name).toList();
    }

    /** The cluster file in use: its supplier hands out a new one on every organization change. */
    @Override
    public Object version() {
        return cluster.get();
    }

    @Override
    public Optional<String> departmentOf(String project) {
        return cluster.get().projects().stream().filter(p -> p.name().equals(project))
                .map(ClusterFile.ProjectDef::department).findFirst();
    }
}
