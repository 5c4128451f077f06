package dev.bulwark.controller.policy;

import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Section;
import java.util.List;

/**
 * A group's process rules, {@code RESTProcessProfile}; {@code baseline} is null in profiles stored before it was
 * kept, and {@code mode} is shown from the group, never stored.
 */
public record ProcessProfile(String group, boolean alertDisabled, boolean hashEnabled, String baseline, String mode,
        List<Entry> processList) {

    public static final Kind<ProcessProfile> KIND = Kind.of("process_profile", ProcessProfile.class,
            "Process profile", Section.POLICY).onePerGroup();

    /** {@code RESTProcessProfileEntry}; {@code allow_update} lets the executable change on disk. */
    public record Entry(String name, String path, String user, int uid, String action, String cfgType, String uuid,
            String group, boolean allowUpdate, long createdTimestamp, long lastModifiedTimestamp) {}
}
