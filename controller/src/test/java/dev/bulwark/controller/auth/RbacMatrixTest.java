package dev.bulwark.controller.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.controller.ControllerTest;
import dev.bulwark.controller.api.Routes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every served operation that needs a permission, called by every kind of caller: admin, reader, ciops, a custom
 * role for each single permission, and the administrator and the reader of a namespace. A caller that does not hold
 * the operation's permission (globally, or for an operation on objects of namespaces, in some namespace) gets 403
 * before anything happens; admin never does. The expected grants are written here from the roles' definitions
 * (NeuVector's), not read from the controller.
 */
class RbacMatrixTest extends ControllerTest {

    /**
     * Operations whose handler needs more than their route's permission: a configuration export (all sections by
     * default) holds the users' password hashes, which only who may change users exports.
     */
    private static final Map<String, Routes.Requirement> ALSO_NEEDED = Map.of("GET /v1/file/config",
            new Routes.Requirement(Permissions.AUTHORIZATION, true, false));

    /** A caller and what it holds: permission ids readable, writable, and whether only within a namespace. */
    private record Caller(String name, String token, Set<String> reads, Set<String> writes, boolean namespaceOnly) {

        boolean holds(Routes.Requirement r) {
            if (namespaceOnly && (!r.namespaced() || !Permissions.DOMAIN_CAPABLE.contains(r.permission()))) {
                return false;
            }
            return (r.write() ? writes : reads).contains(r.permission());
        }
    }

    private String user(String name, String role, String domains) {
        Reply r = c.as(admin, "POST", "/v1/user", "{\"user\": {\"fullname\": \"%s\", \"password\": \"Passw0rd-%s\","
                .formatted(name, name) + " \"role\": \"%s\"%s}}".formatted(role, domains.isEmpty() ? ""
                : ", \"role_domains\": " + domains));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return c.login(name, "Passw0rd-" + name);
    }

    private List<Caller> callers() {
        Set<String> all = Set.copyOf(Permissions.ALL);
        List<Caller> callers = new ArrayList<>(List.of(
                new Caller("admin", admin, all, all, false),
                new Caller("reader", user("rd", "reader", ""), all, Set.of(), false),
                new Caller("ciops", user("ci", "ciops", ""), Set.of(Permissions.CI_SCAN), Set.of(Permissions.CI_SCAN),
                        false),
                new Caller("namespace admin", user("nsadm", "", "{\"admin\": [\"other\"]}"), all, all, true),
                new Caller("namespace reader", user("nsrd", "", "{\"reader\": [\"other\"]}"), all, Set.of(), true)));
        for (String permission : Permissions.ALL) {
            String role = "only-" + permission.replace('_', '-');
            Reply r = c.as(admin, "POST", "/v1/user_role", "{\"config\": {\"name\": \"%s\", \"permissions\": [{\"id\":"
                    .formatted(role) + " \"%s\", \"read\": true, \"write\": true}]}}".formatted(permission));
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            callers.add(new Caller(role, user("u-" + role, role, ""), Set.of(permission), Set.of(permission), false));
        }
        return callers;
    }

    @Test
    void everyOperationRefusesEveryCallerWithoutItsPermissionAndNeverTheAdministrator() {
        List<Caller> callers = callers();
        Map<String, Routes.Requirement> operations = c.controller().requirements();
        assertThat(operations.size()).as("operations that need a permission").isGreaterThan(100);
        Map<String, String> wrong = new LinkedHashMap<>();
        int checked = 0;
        for (var op : operations.entrySet()) {
            String method = op.getKey().substring(0, op.getKey().indexOf(' '));
            String path = op.getKey().substring(method.length() + 1).replaceAll("\\{[^}]+}", "x");
            for (Caller caller : callers) {
                Routes.Requirement also = ALSO_NEEDED.get(op.getKey());
                boolean holds = caller.holds(op.getValue()) && (also == null || caller.holds(also));
                if (holds && !method.equals("GET")) {
                    continue; // a write the caller may make would change what the next calls see
                }
                Reply r = c.as(caller.token(), method, path, method.equals("GET") ? null : "{}");
                checked++;
                if (holds == (r.status() == 403)) {
                    wrong.put(op.getKey() + " as " + caller.name(), "%d %s".formatted(r.status(), r.text()));
                }
            }
        }
        assertThat(wrong).as("operations whose answer does not match the caller's grants").isEmpty();
        assertThat(checked).isGreaterThan(operations.size() * 10);
    }
}
