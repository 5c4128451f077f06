package dev.bulwark.controller.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.policy.Criterion;
import dev.bulwark.controller.policy.Group;
import dev.bulwark.link.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which groups containers and addresses belong to: every criterion key and operator, ranges, names, hostile text. */
class GroupMembershipTest {

    static Workload container(String id, String name, String domain, String service, String image,
            Map<String, String> labels) {
        return new Workload(id, name, name, name + "-pod", domain, image, "", service,
                "nv." + service + (domain.isEmpty() ? "" : "." + domain), "", labels, "running", "", "", "", 0,
                false, false, "default", Map.of(), List.of(), 0, "", "");
    }

    static Group custom(String name, Criterion... criteria) {
        return custom(name, List.of(), criteria);
    }

    static Group custom(String name, List<String> domains, Criterion... criteria) {
        boolean address = List.of(criteria).stream().anyMatch(c -> "address".equals(c.key()));
        return new Group(name, "", false, false, "", "", domains.size() == 1 ? domains.getFirst() : "", domains,
                address ? "address" : "container", "", false, List.of(criteria), "user_created", null);
    }

    static Criterion c(String key, String op, String value) {
        return new Criterion(key, value, op);
    }

    static final Workload WEB = container("w1", "web-1", "shop", "web", "registry.local/shop/web:1.2",
            Map.of("app", "web", "tier", "front"));
    static final Workload DB = container("d1", "db-1", "vault", "db", "docker.io/library/postgres:16",
            Map.of("app", "db"));
    static final Workload BARE = container("b1", "bare", "", "bare", "busybox", Map.of());

    /** The custom groups of the three containers under one group, learned groups and containers left out. */
    static List<String> selected(Group g) {
        GroupMembership m = GroupMembership.of(List.of(g));
        List<String> out = new ArrayList<>();
        for (Workload w : List.of(WEB, DB, BARE)) {
            if (m.groupsOf(w, w == DB ? "node-b" : "node-a").contains(g.name())) {
                out.add(w.name());
            }
        }
        return out;
    }

    @Test
    void aContainerIsInItsLearnedGroupTheGroupsThatSelectItAndContainers() {
        GroupMembership m = GroupMembership.of(List.of(custom("shop", c("namespace", "=", "shop")),
                custom("images", c("image", "prefix", "registry.local/")), custom("dbs", c("service", "=", "db"))));
        assertThat(m.groupsOf(WEB, "node-a")).containsExactly("nv.web.shop", "images", "shop", "containers");
        assertThat(m.groupsOf(DB, "node-b")).containsExactly("nv.db.vault", "dbs", "containers");
    }

    @Test
    void eachKeyReadsItsAttribute() {
        assertThat(selected(custom("g", c("container", "=", "web-1")))).containsExactly("web-1");
        assertThat(selected(custom("g", c("image", "=", "busybox")))).containsExactly("bare");
        assertThat(selected(custom("g", c("service", "=", "db")))).containsExactly("db-1");
        assertThat(selected(custom("g", c("domain", "=", "vault")))).containsExactly("db-1");
        assertThat(selected(custom("g", c("namespace", "=", "shop")))).containsExactly("web-1");
        assertThat(selected(custom("g", c("node", "=", "node-b")))).containsExactly("db-1");
        assertThat(selected(custom("g", c("label", "=", "tier=front")))).containsExactly("web-1");
        assertThat(selected(custom("g", c("app", "=", "db")))).containsExactly("db-1");
    }

    @Test
    void everyOperator() {
        assertThat(selected(custom("g", c("container", "=", "*-1")))).containsExactly("web-1", "db-1");
        assertThat(selected(custom("g", c("container", "=", "b?re")))).containsExactly("bare");
        assertThat(selected(custom("g", c("container", "=", "any")))).containsExactly("web-1", "db-1", "bare");
        assertThat(selected(custom("g", c("container", "!=", "web-*")))).containsExactly("db-1", "bare");
        assertThat(selected(custom("g", c("image", "contains", "postgres")))).containsExactly("db-1");
        assertThat(selected(custom("g", c("image", "prefix", "docker.io/")))).containsExactly("db-1");
        assertThat(selected(custom("g", c("image", "regex", "shop/.*:1\\.[0-9]")))).containsExactly("web-1");
        assertThat(selected(custom("g", c("image", "!regex", "^registry")))).containsExactly("db-1", "bare");
        // a wildcard is not a regular expression: the dot is literal
        assertThat(selected(custom("g", c("container", "=", "web.1")))).isEmpty();
    }

    @Test
    void sameKeyOrsDifferentKeysAnd() {
        assertThat(selected(custom("g", c("service", "=", "web"), c("service", "=", "db"))))
                .containsExactly("web-1", "db-1");
        assertThat(selected(custom("g", c("service", "=", "web"), c("namespace", "=", "vault")))).isEmpty();
        assertThat(selected(custom("g", c("service", "=", "db"), c("namespace", "=", "vault"))))
                .containsExactly("db-1");
        assertThat(selected(custom("g", c("namespace", "=", "shop"), c("domain", "=", "vault")))).isEmpty();
    }

    @Test
    void negativeCriteriaOfOneKeyAndUntilAPositiveOne() {
        assertThat(selected(custom("g", c("service", "!=", "web"), c("service", "!=", "db"))))
                .containsExactly("bare");
        assertThat(selected(custom("g", c("service", "!=", "web"), c("service", "!=", "db"),
                c("service", "=", "web")))).containsExactly("web-1", "bare");
    }

    @Test
    void labelsAreOneKeyAndAMissingLabelIsNeverMet() {
        // app=db or tier=front: the two label keys OR, as NeuVector's pod-label
        assertThat(selected(custom("g", c("app", "=", "db"), c("tier", "=", "front"))))
                .containsExactly("web-1", "db-1");
        assertThat(selected(custom("g", c("tier", "!=", "back")))).containsExactly("web-1");
        assertThat(selected(custom("g", c("label", "!=", "app=web")))).containsExactly("db-1", "bare");
        assertThat(selected(custom("g", c("label", "prefix", "app=")))).containsExactly("web-1", "db-1");
        assertThat(selected(custom("g", c("label", "regex", "^tier=")))).containsExactly("web-1");
        assertThat(selected(custom("g", c("label", "=", "app=*")))).containsExactly("web-1", "db-1");
        assertThat(selected(custom("g", c("ns:team", "=", "a")))).isEmpty();
    }

    @Test
    void aConfinedGroupHoldsOnlyItsNamespacesContainers() {
        assertThat(selected(custom("g", List.of("vault"), c("container", "=", "*")))).containsExactly("db-1");
    }

    @Test
    void hostileCriteriaSelectNothingAndNeverHang() {
        assertThat(selected(custom("g"))).isEmpty();
        assertThat(selected(custom("g", c("image", "regex", "(a+)+$")))).isEmpty();
        assertThat(selected(custom("g", c("image", "regex", "(?<=x)y")))).isEmpty(); // RE2 has no look-behind
        assertThat(selected(custom("g", c("image", "!regex", "(?<=x)y")))).containsExactly("web-1", "db-1", "bare");
        assertThat(selected(custom("g", c("image", "~", "busybox")))).isEmpty();
        assertThat(selected(custom("g", c("container", "=", "*"), c("address", "=", "10.0.0.1")))).isEmpty();
        assertThat(selected(custom("g", new Criterion(null, "x", "=")))).isEmpty();
        Workload evil = container("e1", "a".repeat(100_000) + "!", "", "x", "a".repeat(100_000) + "!", Map.of());
        GroupMembership m = GroupMembership.of(List.of(custom("g", c("image", "regex", "(a|aa)+$"),
                c("container", "=", "*a*a*a*a*a*a*a*a*b"))));
        assertThat(m.groupsOf(evil, "n")).containsExactly("nv.x", "containers");
    }

    @Test
    void aContainersGroupsAreRememberedOnlyWhileItAndItsNodeStayTheSame() {
        GroupMembership m = GroupMembership.of(List.of(custom("webs", c("app", "=", "web")),
                custom("on-a", c("node", "=", "node-a"))));
        assertThat(m.groupsOf(WEB, "node-a")).containsExactly("nv.web.shop", "on-a", "webs", "containers");
        assertThat(m.groupsOf(WEB, "node-b")).containsExactly("nv.web.shop", "webs", "containers");
        Workload relabelled = container(WEB.id(), WEB.name(), WEB.domain(), WEB.service(), WEB.image(),
                Map.of("app", "db"));
        assertThat(m.groupsOf(relabelled, "node-b")).containsExactly("nv.web.shop", "containers");
        assertThat(m.groupsOf(WEB, "node-b")).containsExactly("nv.web.shop", "webs", "containers");
    }

    @Test
    void twoThousandGroupsOverSixHundredContainers() {
        List<Group> groups = new ArrayList<>();
        for (int g = 0; g < 2000; g++) {
            groups.add(custom("custom" + g, c("namespace", "=", "ns" + (g % 10)),
                    c("image", "regex", "svc" + g + "[^0-9].*:v[0-9]+"), c("app", "=", "a*" + g),
                    c("container", "!=", "x-*")));
        }
        List<Workload> containers = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            containers.add(container("c" + i, "c-" + i, "ns" + (i % 10), "svc" + i, "reg/svc" + i + "/x:v1",
                    Map.of("app", "a" + i)));
        }
        GroupMembership m = GroupMembership.of(groups);
        for (String pass : List.of("first", "second")) {
            long start = System.nanoTime();
            long memberships = containers.stream().mapToLong(w -> m.groupsOf(w, "node").size()).sum();
            System.out.printf("membership of 600 containers in 2,000 custom groups, %s pass: %d ms%n", pass,
                    (System.nanoTime() - start) / 1_000_000);
            // each container: its learned group, containers, and the custom group of its own number
            assertThat(memberships).isEqualTo(600 * 3);
        }
    }

    @Test
    void addressesByIpCidrAndRange() {
        GroupMembership m = GroupMembership.of(List.of(custom("one", c("address", "=", "192.0.2.7")),
                custom("net", c("address", "=", "10.0.0.0/8")), custom("range", c("address", "=",
                        "10.1.1.10-10.1.1.20")), custom("v6", c("address", "=", "2001:db8::/32")),
                custom("v6one", c("address", "=", "2001:db8::1"))));
        assertThat(m.addressGroupsOf("192.0.2.7")).containsExactly("one");
        assertThat(m.addressGroupsOf("192.0.2.8")).isEmpty();
        assertThat(m.addressGroupsOf("10.1.1.10")).containsExactly("net", "range");
        assertThat(m.addressGroupsOf("10.1.1.20")).containsExactly("net", "range");
        assertThat(m.addressGroupsOf("10.1.1.21")).containsExactly("net");
        assertThat(m.addressGroupsOf("11.0.0.0")).isEmpty();
        assertThat(m.addressGroupsOf("2001:db8:0:0:0:0:0:1")).containsExactly("v6", "v6one");
        assertThat(m.addressGroupsOf("2001:db9::1")).isEmpty();
        assertThat(m.addressPeers("range")).contains(List.of("10.1.1.10/31", "10.1.1.12/30", "10.1.1.16/30",
                "10.1.1.20/32"));
        assertThat(m.addressPeers("net")).contains(List.of("10.0.0.0/8"));
        assertThat(m.addressPeers("v6one")).contains(List.of("2001:db8:0:0:0:0:0:1/128"));
        assertThat(m.addressPeers("nv.web.shop")).isEmpty();
    }

    @Test
    void namesExactAndWildcard() {
        GroupMembership m = GroupMembership.of(List.of(custom("exact", c("address", "=", "WWW.Example.com.")),
                custom("any", c("address", "=", "*.example.com")), custom("deep", c("address", "=", "*.a.example.com"))));
        assertThat(m.addressGroupsOf("www.example.com")).containsExactly("any", "exact");
        assertThat(m.addressGroupsOf("x.a.example.com")).containsExactly("any", "deep");
        assertThat(m.addressGroupsOf("example.com")).isEmpty();
        assertThat(m.addressGroupsOf("badexample.com")).isEmpty();
        assertThat(m.addressPeers("any")).contains(List.of("fqdn:*.example.com"));
        assertThat(m.addressPeers("exact")).contains(List.of("fqdn:www.example.com"));
        GroupMembership odd = GroupMembership.of(List.of(custom("odd", c("address", "=", "_srv.a-b.x1.io"))));
        assertThat(odd.addressPeers("odd")).contains(List.of("fqdn:_srv.a-b.x1.io"));
    }

    @Test
    void peersThatAreNoContainer() {
        GroupMembership m = GroupMembership.of(List.of(custom("dns", c("address", "=", "8.8.8.8")),
                custom("google", c("address", "=", "*.google.com"))));
        assertThat(m.peerGroupsOf("8.8.8.8", "", false)).containsExactly("dns", "external");
        assertThat(m.peerGroupsOf("142.250.1.1", "www.google.com", false)).containsExactly("google", "external");
        assertThat(m.peerGroupsOf("10.0.0.7", "", true)).containsExactly("nodes");
        assertThat(m.peerGroupsOf("203.0.113.1", null, false)).containsExactly("external");
    }

    @Test
    void malformedAddressesSelectNothing() {
        List<String> bad = List.of("10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0.9-10.0.0.1",
                "10.0.0.1-2001:db8::1", "256.1.1.1", "1.2.3", "0x7f.0.0.1", "fe80::1%eth0", "a..b", "-x.com",
                "*.", "*", "vh:www.example.com", "ex ample.com", "a".repeat(300) + ".com", "10.0.0.1-", "-",
                "1.2.3.4/0999", "é.com", "x".repeat(64) + ".com", "010.1.1.1", "10.01.1.1/8", "1.2.3.04-1.2.3.5", "x-.com", "*.-x.com");
        for (String v : bad) {
            GroupMembership m = GroupMembership.of(List.of(custom("g", c("address", "=", v))));
            assertThat(m.addressPeers("g")).as(v).contains(List.of());
        }
        GroupMembership m = GroupMembership.of(List.of(custom("all", c("address", "=", "0.0.0.0/0"))));
        assertThat(m.addressGroupsOf("1.2.3.4")).containsExactly("all");
        assertThat(m.addressGroupsOf("::1")).isEmpty();
        assertThat(m.addressGroupsOf("")).isEmpty();
        assertThat(m.addressGroupsOf(null)).isEmpty();
        assertThat(m.addressGroupsOf("x".repeat(100_000))).isEmpty();
    }
}
