package dev.bulwark.controller.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A group as stored and shown ({@code RESTGroup}).
 *
 * @param domain the namespace a group confined to one namespace belongs to, else empty (a global group)
 * @param createrDomains the namespaces the group's criteria confine it to (NeuVector's spelling)
 * @param kind {@code container}, {@code address} or {@code node}
 * @param cfgType {@code user_created}, {@code learned}, {@code ground}, {@code federal} or {@code system_defined}
 */
public record Group(String name, String comment, boolean learned, boolean reserved, String policyMode,
        String profileMode, String domain, List<String> createrDomains, String kind, String platformRole,
        boolean capChangeMode, List<Criterion> criteria, String cfgType) {

    public Group {
        requireNonNull(name, "name");
        comment = comment == null ? "" : comment;
        policyMode = policyMode == null ? "" : policyMode;
        profileMode = profileMode == null ? "" : profileMode;
        domain = domain == null ? "" : domain;
        createrDomains = createrDomains == null ? List.of() : List.copyOf(createrDomains);
        kind = kind == null ? "container" : kind;
        platformRole = platformRole == null ? "" : platformRole;
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
        cfgType = cfgType == null ? "user_created" : cfgType;
    }

    /** The reserved groups every controller has. */
    static final List<Group> RESERVED = List.of(
            new Group("containers", "all containers", false, true, "", "", "", List.of(), "container", "", false,
                    List.of(new Criterion("container", "*", "=")), "system_defined"),
            new Group("nodes", "all hosts", false, true, "Discover", "Discover", "", List.of(), "node", "", true,
                    List.of(), "system_defined"),
            new Group("external", "everything outside the cluster", false, true, "", "", "", List.of(), "address", "",
                    false, List.of(), "system_defined"));
}
