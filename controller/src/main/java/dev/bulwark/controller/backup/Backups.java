package dev.bulwark.controller.backup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.auth.PasswordProfile;
import dev.bulwark.controller.auth.Role;
import dev.bulwark.controller.auth.StoredUser;
import dev.bulwark.controller.domain.Codec;
import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.domain.Redacted;
import dev.bulwark.controller.domain.Section;
import dev.bulwark.controller.policy.Policy;
import dev.bulwark.controller.store.ClusterStore;
import dev.bulwark.controller.store.KeyValue;
import java.io.IOException;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Backups of the configuration by section, made from the registry of stored kinds: a kind in a section is in its
 * backup, so no kind can be forgotten. A restore checks the whole file (checksum, signature, every record readable
 * as its kind, the policy consistent) and then replaces the sections it holds in one transaction: a bad file
 * changes nothing.
 */
public final class Backups {

    private final Records records;
    private final Policy policy;
    private final List<Kind<?>> kinds;
    private final SigningKey signingKey;
    private final InstantSource clock;

    /** @param kinds every stored kind */
    public Backups(ClusterStore store, Records records, Policy policy, List<Kind<?>> kinds, InstantSource clock) {
        this.records = records;
        this.policy = policy;
        this.kinds = List.copyOf(kinds);
        this.signingKey = new SigningKey(store);
        this.clock = clock;
    }

    /**
     * The sections a backup's name stands for: a comma-separated list of {@code user}, {@code policy} and
     * {@code all} (both with the system settings); none is all.
     */
    public static Set<Section> sections(String names) {
        Set<Section> out = EnumSet.noneOf(Section.class);
        for (String name : (names == null || names.isEmpty() ? "all" : names).split(",")) {
            switch (name) {
                case "user" -> out.add(Section.USER);
                case "policy" -> out.add(Section.POLICY);
                case "all" -> out.addAll(EnumSet.of(Section.USER, Section.POLICY, Section.SYSTEM));
                default -> throw ApiException.badRequest(
                        "section is all, policy or user, or a comma-separated list of them");
            }
        }
        return out;
    }

    /** The signed backup file of the named section. */
    public byte[] export(String section) {
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        for (Kind<?> kind : kindsOf(sections(section))) {
            for (KeyValue kv : records.raw(kind)) {
                entries.put(kv.key(), Codec.STORED.valueToTree(backedUp(kind, kv)));
            }
        }
        return new ConfigArchive(section, clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(), entries)
                .write(signingKey.get());
    }

    /** Reads, checks and verifies a backup file; nothing is changed yet. */
    public ConfigArchive read(byte[] file, boolean trusted) {
        return ConfigArchive.read(file, signingKey.get(), trusted);
    }

    /** Replaces the sections the backup holds with its records, all at once; returns how many it restored. */
    public int restore(ConfigArchive archive) {
        List<Kind<?>> restored = kindsOf(sections(archive.section()));
        Records.Change change = new Records.Change();
        restored.forEach(change::deleteAll);
        Map<String, byte[]> puts = new LinkedHashMap<>();
        for (var e : archive.entries().entrySet()) {
            String key = e.getKey();
            Kind<?> kind = restored.stream().filter(k -> k.holds(key)).findFirst().orElseThrow(() ->
                    ConfigArchive.fail("entry %s is outside the section '%s'".formatted(key, archive.section())));
            puts.put(key, Codec.encode(restoredValue(kind, key, e.getValue())));
        }
        if (restored.contains(StoredUser.KIND) && !puts.containsKey(StoredUser.KIND.key(Role.ADMIN))) {
            throw ConfigArchive.fail("the backup has no admin user");
        }
        if (restored.contains(Policy.ORDER)) {
            try {
                policy.checkImport(puts);
            } catch (ApiException e) {
                throw ConfigArchive.fail(e.getMessage());
            }
        }
        puts.forEach(change::putStored);
        if (!records.tryCommit(change)) {
            throw ConfigArchive.fail("the configuration changed during the restore; retry");
        }
        return puts.size();
    }

    /** Whether a backup of the named section holds users (their password hashes). */
    public boolean holdsUsers(String section) {
        return sections(section).contains(StoredUser.KIND.section());
    }

    private List<Kind<?>> kindsOf(Set<Section> sections) {
        return kinds.stream().filter(k -> sections.contains(k.section())).toList();
    }

    /** The stored record as the backup keeps it, secrets left out. */
    private static Object backedUp(Kind<?> kind, KeyValue kv) {
        return Redacted.class.isAssignableFrom(kind.type()) ? ((Redacted<?>) Codec.decode(kv, kind.type())).redacted()
                : Codec.tree(kv.value());
    }

    /** A backed-up record read as its kind and checked, with the secrets it left out taken from the store. */
    private <T> Object restoredValue(Kind<T> kind, String key, JsonNode backedUp) {
        T value;
        try {
            value = Codec.STORED.treeToValue(backedUp, kind.type());
        } catch (IOException | RuntimeException e) {
            throw ConfigArchive.fail("record %s cannot be read: %s".formatted(key, e.getMessage()));
        }
        if (value == null) {
            throw ConfigArchive.fail("record %s is empty".formatted(key));
        }
        try {
            if (value instanceof PasswordProfile p) {
                p.validate();
            }
        } catch (ApiException e) {
            throw ConfigArchive.fail("record %s: %s".formatted(key, e.getMessage()));
        }
        if (value instanceof Redacted<?>) {
            return restoredOver(kind, key, value);
        }
        return backedUp;
    }

    @SuppressWarnings("unchecked")
    private <T> T restoredOver(Kind<T> kind, String key, T value) {
        return ((Redacted<T>) value).restoredOver(records.findByKey(kind, key));
    }
}
