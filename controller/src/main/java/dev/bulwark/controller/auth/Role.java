package dev.bulwark.controller.auth;

import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Section;
import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A role: named permissions. {@code admin}, {@code reader} and {@code ciops} are reserved and built in.
 *
 * @param reserved true for built-in roles, which cannot be changed or deleted
 */
public record Role(String name, String comment, boolean reserved, List<Permission> permissions) {

    public static final Kind<Role> KIND = Kind.of("user_role", Role.class, "Role", Section.USER);

    public static final String ADMIN = "admin";
    public static final String READER = "reader";
    public static final String CIOPS = "ciops";
    public static final String NONE = "";

    public Role {
        requireNonNull(name, "name");
        comment = comment == null ? "" : comment;
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }

    /** A permission id with its read and write grants. */
    public record Permission(String id, boolean read, boolean write) {
        public Permission {
            requireNonNull(id, "id");
        }
    }

    public static final List<Role> BUILT_IN = List.of(
            new Role(ADMIN, "Administrator", true,
                    Permissions.ALL.stream().map(p -> new Permission(p, true, true)).toList()),
            new Role(READER, "Read-only user", true,
                    Permissions.ALL.stream().map(p -> new Permission(p, true, false)).toList()),
            new Role(CIOPS, "CI integration: scans only", true, List.of(new Permission(Permissions.CI_SCAN, true, true))));

    /** What the role grants when given for a namespace: its permissions that apply within one. */
    public Role inNamespace() {
        return new Role(name, comment, reserved, permissions.stream()
                .filter(p -> Permissions.DOMAIN_CAPABLE.contains(p.id())).toList());
    }

    public boolean allows(String permission, boolean write) {
        for (Permission p : permissions) {
            if (p.id().equals(permission) && (write ? p.write() : p.read() || p.write())) {
                return true;
            }
        }
        return false;
    }
}
