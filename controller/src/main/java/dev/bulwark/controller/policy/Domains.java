package dev.bulwark.controller.policy;

import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.auth.StoredUser;
import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.domain.Section;
import java.util.List;
import java.util.TreeSet;

/**
 * The namespaces the configuration names (in group criteria and namespace roles), and their tags, kept per
 * namespace when {@code tag_per_domain} is set.
 */
public final class Domains {

    /** A namespace's tags ({@code RESTDomainEntryConfig}). */
    public static final Kind<Entry> KIND = Kind.of("domain", Entry.class, "Namespace", Section.SYSTEM);
    /** Whether tags are kept per namespace. */
    public static final Kind<Setting> SETTING = Kind.single("domain_setting", "tag_per_domain", Setting.class,
            "Namespace setting", Section.SYSTEM);
    private static final int MAX_TAGS = 64;

    public record Entry(String name, List<String> tags) {}

    /** {@code RESTDomainConfig}: whether tags are kept per namespace. */
    public record Setting(Boolean tagPerDomain) {}

    private final Policy policy;
    private final Records records;

    public Domains(Policy policy, Records records) {
        this.policy = policy;
        this.records = records;
    }

    /** The namespaces, sorted. */
    public TreeSet<String> names() {
        TreeSet<String> names = new TreeSet<>();
        policy.groups().forEach(g -> names.addAll(g.createrDomains()));
        records.list(StoredUser.KIND).forEach(u -> u.roleDomains().values().forEach(names::addAll));
        return names;
    }

    public List<String> tags(String domain) {
        return records.find(KIND, domain).map(Entry::tags).orElse(List.of());
    }

    /** Sets a namespace's tags: at most 64, each 1 to 256 characters. */
    public void setTags(String domain, List<String> tags) {
        if (!names().contains(domain)) {
            throw ApiException.notFound("Namespace");
        }
        if (tags.size() > MAX_TAGS || tags.stream().anyMatch(t -> t == null || t.isBlank() || t.length() > 256)) {
            throw ApiException.badRequest("At most %d tags of 1 to 256 characters".formatted(MAX_TAGS));
        }
        records.put(KIND, domain, new Entry(domain, tags));
    }

    public boolean tagPerDomain() {
        return records.find(SETTING).map(Setting::tagPerDomain).orElse(false);
    }

    public void setTagPerDomain(boolean perDomain) {
        records.put(SETTING, SETTING.id(), new Setting(perDomain));
    }
}
