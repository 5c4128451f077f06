package dev.bulwark.controller.policy;

import static dev.bulwark.controller.domain.Inputs.or;

import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.domain.Inputs;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.policy.ProcessProfile.Entry;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Each group's process rules ({@code name}, {@code path}, allow or deny). A rule matching any name and any path
 * can only allow. The profile's mode is its group's; its baseline ({@code zero-drift} or {@code basic}) can be set
 * only for groups that have a mode, and {@code nodes} stays {@code basic}, as in NeuVector.
 */
public final class ProcessProfiles {

    static final int MAX_ENTRIES = 4096;
    private static final String ZERO_DRIFT = "zero-drift";
    private static final String BASIC = "basic";

    private final Records records;
    private final InstantSource clock;

    public ProcessProfiles(Records records, InstantSource clock) {
        this.records = records;
        this.clock = clock;
    }

    /**
     * {@code RESTProcessProfileEntryConfig}, plus the {@code user} NeuVector's CLI sends: a rule with a user allows
     * or denies the process for that user only (the enforcer's rules carry it).
     */
    public record EntryConfig(String name, String path, String user, String action, String group,
            Boolean allowUpdate) {}

    /** {@code RESTProcessProfileConfig}. */
    public record Config(String group, Boolean alertDisabled, Boolean hashEnabled, String baseline,
            List<EntryConfig> processChangeList, List<EntryConfig> processDeleteList) {}

    /** Changes a group's profile with compare-and-swap: rules deleted, then changed or added; flags and baseline. */
    public void change(Group g, Config c) {
        records.upsert(ProcessProfile.KIND, g.name(), stored -> changed(g, shown(g, stored), c));
    }

    /**
     * Adds the rules a group in Discover learned on its nodes ({@code cfg_type} learned), in one compare-and-swap;
     * a rule the profile has already (same name and path) is left as it is, so reporting one twice changes
     * nothing. Returns how many were new.
     */
    public int learn(Group g, List<EntryConfig> learned) {
        int[] added = {0};
        records.upsert(ProcessProfile.KIND, g.name(), stored -> {
            ProcessProfile current = shown(g, stored);
            List<Entry> entries = new ArrayList<>(current.processList());
            long now = clock.instant().getEpochSecond();
            added[0] = 0;
            for (EntryConfig e : learned) {
                String path = or(e.path(), "");
                if (indexOf(entries, e.name(), path) < 0 && entries.size() < MAX_ENTRIES) {
                    entries.add(new Entry(e.name(), path, or(e.user(), ""), 0, "allow", "learned",
                            UUID.randomUUID().toString(), g.name(), false, now, now));
                    added[0]++;
                }
            }
            return new ProcessProfile(g.name(), current.alertDisabled(), current.hashEnabled(),
                    stored.map(ProcessProfile::baseline).orElse(null), "", entries);
        });
        return added[0];
    }

    /** The group's profile as shown: its rules, its group's mode, the baseline in force. */
    public ProcessProfile profile(Group g) {
        return shown(g, records.find(ProcessProfile.KIND, g.name()));
    }

    /** The stored profile (or an empty one) with its group's mode and the baseline in force. */
    private static ProcessProfile shown(Group g, Optional<ProcessProfile> stored) {
        ProcessProfile p = stored.orElse(new ProcessProfile(g.name(), false, false, null, "", List.of()));
        String baseline = g.name().equals("nodes") ? BASIC : or(p.baseline(), ZERO_DRIFT);
        return new ProcessProfile(g.name(), p.alertDisabled(), p.hashEnabled(), baseline, g.profileMode(),
                p.processList());
    }

    private ProcessProfile changed(Group g, ProcessProfile current, Config c) {
        List<Entry> entries = new ArrayList<>(current.processList());
        long now = clock.instant().getEpochSecond();
        for (EntryConfig e : Inputs.list(c.processDeleteList(), "process_delete_list")) {
            if (!entries.removeIf(x -> x.name().equals(e.name()) && x.path().equals(or(e.path(), "")))) {
                throw ApiException.notFound("Process rule %s %s".formatted(e.name(), e.path()));
            }
        }
        for (EntryConfig e : Inputs.list(c.processChangeList(), "process_change_list")) {
            String path = checked(e);
            int i = indexOf(entries, e.name(), path);
            if (i >= 0) {
                Entry old = entries.get(i);
                entries.set(i, new Entry(e.name(), path, or(e.user(), old.user()), old.uid(),
                        e.action(), old.cfgType(), old.uuid(), g.name(), Boolean.TRUE.equals(e.allowUpdate()),
                        old.createdTimestamp(), now));
            } else {
                entries.add(new Entry(e.name(), path, or(e.user(), ""), 0, e.action(), "user_created",
                        UUID.randomUUID().toString(), g.name(), Boolean.TRUE.equals(e.allowUpdate()), now, now));
            }
        }
        if (entries.size() > MAX_ENTRIES) {
            throw ApiException.badRequest("At most %d process rules per group".formatted(MAX_ENTRIES));
        }
        return new ProcessProfile(g.name(), or(c.alertDisabled(), current.alertDisabled()),
                or(c.hashEnabled(), current.hashEnabled()),
                c.baseline() == null ? current.baseline() : baseline(g, c.baseline()), "", entries);
    }

    private static String baseline(Group g, String asked) {
        if (g.policyMode().isEmpty()) {
            throw ApiException.badRequest("Only groups with a policy mode (learned groups, nodes) have a baseline");
        }
        String baseline = baseline(asked);
        if (g.name().equals("nodes") && !baseline.equals(BASIC)) {
            throw ApiException.badRequest("baseline is zero-drift or basic (nodes: basic)");
        }
        return baseline;
    }

    /**
     * A baseline as asked ({@code basic} or {@code zero-drift}, any case; NeuVector's obsolete {@code default} and
     * {@code shield} are {@code zero-drift}); 400 for anything else.
     */
    public static String baseline(String asked) {
        return switch (asked.toLowerCase(java.util.Locale.ROOT)) {
            case BASIC -> BASIC;
            case ZERO_DRIFT, "default", "shield" -> ZERO_DRIFT;
            default -> throw ApiException.badRequest("baseline is zero-drift or basic (nodes: basic)");
        };
    }

    private static int indexOf(List<Entry> entries, String name, String path) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).name().equals(name) && entries.get(i).path().equals(path)) {
                return i;
            }
        }
        return -1;
    }

    /** Checks a rule and returns its path ({@code ""} for any). */
    private static String checked(EntryConfig e) {
        if (e.name() == null || e.name().isBlank() || e.name().length() > 256 || e.name().contains("/")) {
            throw ApiException.badRequest("A process name is 1 to 256 characters without '/'");
        }
        String path = or(e.path(), "");
        if (!path.isEmpty() && !path.equals("*") && (!path.startsWith("/") || path.length() > 1024)) {
            throw ApiException.badRequest("A process path is absolute, '*' or empty");
        }
        if (!"allow".equals(e.action()) && !"deny".equals(e.action())) {
            throw ApiException.badRequest("action is allow or deny");
        }
        if (e.name().equals("*") && (path.isEmpty() || path.equals("*")) && e.action().equals("deny")) {
            throw ApiException.badRequest("A rule for any process and any path can only allow");
        }
        return path;
    }
}
