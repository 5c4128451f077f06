package dev.bulwark.controller.policy;

import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Section;
import java.util.List;

/** A group's file rules as stored and shown: {@code {"group", "filters"}}. */
public record FileProfile(String group, List<Filter> filters) {

    public static final Kind<FileProfile> KIND = Kind.of("file_monitor", FileProfile.class, "File rules",
            Section.POLICY).onePerGroup();

    /** A path filter, recursive or not, {@code monitor_change} or {@code block_access}, with the allowed apps. */
    public record Filter(String filter, boolean recursive, String behavior, List<String> applications, String cfgType,
            String group) {}
}
