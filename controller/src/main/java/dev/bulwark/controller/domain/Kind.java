package dev.bulwark.controller.domain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A kind of record the controller stores: where its records live, what they read as, which backup section holds
 * them, and whether deleting a group takes the group's record of this kind along. Every kind is listed once, in
 * {@code dev.bulwark.controller.Kinds}.
 *
 * @param prefix the start of every key of the kind; NeuVector's layout {@code object/config/NAME/} for configuration
 * @param noun how messages name one record ("Group")
 * @param perGroup one record per group, named like the group, deleted with it
 * @param singleton the id of the one record of a kind that has only one (the system config)
 */
public record Kind<T>(String prefix, Class<T> type, String noun, Section section, boolean perGroup,
        Optional<String> singleton) {

    private static final String CONFIG = "object/config/";

    /** A configuration kind: records {@code object/config/NAME/ID}. */
    public static <T> Kind<T> of(String name, Class<T> type, String noun, Section section) {
        return new Kind<>(CONFIG + name + "/", type, noun, section, false, Optional.empty());
    }

    /** A configuration kind with one record, {@code object/config/NAME/ID}. */
    public static <T> Kind<T> single(String name, String id, Class<T> type, String noun, Section section) {
        return new Kind<>(CONFIG + name + "/", type, noun, section, false, Optional.of(id));
    }

    /** A kind kept outside the configuration tree, in no backup (sessions, secrets). */
    public static <T> Kind<T> internal(String prefix, Class<T> type, String noun) {
        return new Kind<>(prefix, type, noun, Section.NONE, false, Optional.empty());
    }

    /** The same kind, one record per group, deleted with its group. */
    public Kind<T> onePerGroup() {
        return new Kind<>(prefix, type, noun, section, true, singleton);
    }

    /** The key of a record; ids are URL-escaped, so that no id can reach another key. */
    public String key(String id) {
        return prefix + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    /** The id of a single-record kind's one record. */
    public String id() {
        return singleton.orElseThrow(() -> new IllegalStateException(noun + " records have ids"));
    }

    /** The key of a single-record kind's record. */
    public String key() {
        return key(id());
    }

    /** Whether a key belongs to this kind. */
    public boolean holds(String key) {
        return singleton.isPresent() ? key.equals(key()) : key.startsWith(prefix);
    }
}
