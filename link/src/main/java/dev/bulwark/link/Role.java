package dev.bulwark.link;

import java.util.Arrays;

/** What a member of the cluster joins as; its certificate lets it into that role's service only. */
public enum Role {
    ENFORCER("enforcer"),
    SCANNER("scanner");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    /** The name in {@code JoinRequest.role}. */
    public String wire() {
        return wire;
    }

    /** The role a join request names; an empty name is an enforcer, as before scanners joined. */
    public static Role ofWire(String name) {
        if (name.isEmpty()) {
            return ENFORCER;
        }
        return Arrays.stream(values()).filter(r -> r.wire.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no role " + name));
    }
}
