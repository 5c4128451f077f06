package dev.bulwark.controller.policy;

import static dev.bulwark.controller.domain.Inputs.or;

import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.domain.Inputs;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.policy.FileProfile.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each group's file rules: a path filter (with {@code *} wildcards), recursive or not, {@code monitor_change} or
 * {@code block_access}, and the applications allowed to access it. NeuVector's predefined monitored paths come
 * first in every profile and cannot be changed.
 */
public final class FileRules {

    static final int MAX_FILTERS = 512;
    static final List<String> PREDEFINED = List.of("/var/lib/dpkg/status", "/var/lib/rpm/Packages",
            "/lib/apk/db/installed", "/etc/hosts", "/etc/passwd", "/etc/shadow", "/etc/resolv.conf", "/home/*/.ssh/*",
            "/lib/ld-linux*", "/lib64/ld-linux*", "/bin/*", "/sbin/*", "/usr/bin/*", "/usr/sbin/*", "/usr/local/bin/*",
            "/usr/local/sbin/*");

    private final Records records;

    public FileRules(Records records) {
        this.records = records;
    }

    /** {@code RESTFileMonitorFilterConfig}. */
    public record FilterConfig(String filter, Boolean recursive, String behavior, List<String> applications,
            String group) {}

    /** {@code RESTFileMonitorConfig}. */
    public record Config(List<FilterConfig> addFilters, List<FilterConfig> deleteFilters,
            List<FilterConfig> updateFilters) {}

    /** Changes a group's filters with compare-and-swap: deleted, then updated, then added. */
    public void change(String group, Config c) {
        records.upsert(FileProfile.KIND, group, stored -> changed(group, stored, c));
    }

    /**
     * Lets an application open a group's {@code block_access} filter, as Discover learns it; a filter the group
     * no longer has, or an application it allows already, changes nothing.
     */
    public void learn(String group, String filter, String application) {
        records.find(FileProfile.KIND, group).filter(p -> p.filters().stream().anyMatch(f -> f.filter().equals(filter)
                && !f.applications().contains(application))).ifPresent(p -> records.update(FileProfile.KIND, group,
                        current -> new FileProfile(group, current.filters().stream().map(f -> f.filter().equals(filter)
                                && !f.applications().contains(application) ? withApplication(f, application) : f)
                                .toList())));
    }

    private static Filter withApplication(Filter f, String application) {
        List<String> apps = new ArrayList<>(f.applications());
        apps.add(application);
        return new Filter(f.filter(), f.recursive(), f.behavior(), apps, f.cfgType(), f.group());
    }

    /** The predefined filters and the group's own. */
    public FileProfile profile(String group) {
        List<Filter> all = new ArrayList<>();
        PREDEFINED.forEach(f -> all.add(new Filter(f, false, "monitor_change", List.of(), "system_defined", group)));
        records.find(FileProfile.KIND, group).ifPresent(p -> all.addAll(p.filters()));
        return new FileProfile(group, all);
    }

    private static FileProfile changed(String group, Optional<FileProfile> stored, Config c) {
        List<Filter> filters = new ArrayList<>(stored.map(FileProfile::filters).orElse(List.of()));
        for (FilterConfig f : Inputs.list(c.deleteFilters(), "delete_filters")) {
            if (!filters.removeIf(x -> x.filter().equals(f.filter()))) {
                throw ApiException.notFound("Filter " + f.filter());
            }
        }
        for (FilterConfig f : Inputs.list(c.updateFilters(), "update_filters")) {
            Filter checked = checked(f, group);
            int i = indexOf(filters, f.filter());
            if (i < 0) {
                throw ApiException.notFound("Filter " + f.filter());
            }
            filters.set(i, checked);
        }
        for (FilterConfig f : Inputs.list(c.addFilters(), "add_filters")) {
            Filter checked = checked(f, group);
            if (indexOf(filters, f.filter()) >= 0 || PREDEFINED.contains(f.filter())) {
                throw ApiException.duplicate("Filter " + f.filter());
            }
            filters.add(checked);
        }
        if (filters.size() > MAX_FILTERS) {
            throw ApiException.badRequest("At most %d file rules per group".formatted(MAX_FILTERS));
        }
        return new FileProfile(group, filters);
    }

    private static int indexOf(List<Filter> filters, String filter) {
        for (int i = 0; i < filters.size(); i++) {
            if (filters.get(i).filter().equals(filter)) {
                return i;
            }
        }
        return -1;
    }

    private static Filter checked(FilterConfig f, String group) {
        if (f == null || f.filter() == null || !f.filter().startsWith("/") || f.filter().length() > 1024
                || f.filter().contains("/../") || f.filter().endsWith("/..")) {
            throw ApiException.badRequest("A filter is an absolute path of at most 1024 characters, without '..'");
        }
        String behavior = or(f.behavior(), "monitor_change");
        if (!behavior.equals("monitor_change") && !behavior.equals("block_access")) {
            throw ApiException.badRequest("behavior is monitor_change or block_access");
        }
        List<String> apps = Inputs.list(f.applications(), "applications");
        if (apps.size() > 64 || apps.stream().anyMatch(a -> a == null || a.isBlank() || a.length() > 256)) {
            throw ApiException.badRequest("applications are up to 64 names or paths");
        }
        return new Filter(f.filter(), Boolean.TRUE.equals(f.recursive()), behavior, apps, "user_created", group);
    }
}
