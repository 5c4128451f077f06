package dev.bulwark.controller.network;

import dev.bulwark.controller.policy.Policy;

/**
 * The {@link GroupMembership} of the groups as stored now: compiled again only when a group changed since the last
 * call (the policy's version moved), so a caller may ask for it as often as it likes. Thread-safe.
 */
public final class GroupMemberships {

    private record Compiled(long version, GroupMembership membership) {}

    private final Policy policy;
    private volatile Compiled compiled = new Compiled(Long.MIN_VALUE, null);

    public GroupMemberships(Policy policy) {
        this.policy = policy;
    }

    public GroupMembership current() {
        Compiled c = compiled;
        long version = policy.version();
        if (c.version() != version) {
            // the version is read before the groups: a change in between compiles again next time
            c = new Compiled(version, GroupMembership.of(policy.groups()));
            compiled = c;
        }
        return c.membership();
    }
}
