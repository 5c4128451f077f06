package dev.bulwark.link.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a controller pushes to an enforcer: the policy of every group the enforcer needs, in the enforcer's policy
 * file format ({@code groups: [...]}), which it also keeps on disk to enforce while the controller is away.
 */
public record NodePolicy(List<Group> groups) {

    public NodePolicy {
        groups = List.copyOf(groups);
    }

    /** One group: its mode (Discover, Monitor, Protect), baseline, process rules and file rules. */
    public record Group(String name, String mode, String baseline, List<ProcessRule> process, List<FileRule> file) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ProcessRule(String name, String path, String user, String action, String cfgType) {}

    public record FileRule(String filter, boolean recursive, String behavior, List<String> applications) {}
}
