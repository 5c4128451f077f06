package dev.bulwark.controller;

import dev.bulwark.controller.admission.AdmissionRules;
import dev.bulwark.controller.auth.PasswordProfile;
import dev.bulwark.controller.auth.Role;
import dev.bulwark.controller.auth.Sessions;
import dev.bulwark.controller.auth.StoredApiKey;
import dev.bulwark.controller.auth.StoredUser;
import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.network.Quarantine;
import dev.bulwark.controller.policy.Domains;
import dev.bulwark.controller.policy.FileProfile;
import dev.bulwark.controller.policy.Group;
import dev.bulwark.controller.policy.Policy;
import dev.bulwark.controller.policy.ProcessProfile;
import dev.bulwark.controller.policy.ResponseRules;
import dev.bulwark.controller.policy.Rule;
import dev.bulwark.controller.policy.Sensor;
import dev.bulwark.controller.policy.VulnerabilityProfiles;
import dev.bulwark.controller.registry.RegistryConfig;
import dev.bulwark.controller.registry.RegistryImage;
import dev.bulwark.controller.runtime.Enrollments;
import dev.bulwark.controller.scan.RuntimeScan;
import dev.bulwark.controller.scan.ScanConfig;
import java.util.List;

/**
 * Every kind of record the controller stores, in one list: backups take their sections from it and a group's
 * deletion its per-group kinds, so a kind added here is backed up and cascaded without another change. A test
 * checks that every {@link Kind} constant in the controller is listed.
 */
public final class Kinds {

    public static final List<Kind<?>> ALL = List.of(
            StoredUser.KIND, Role.KIND, StoredApiKey.KIND, PasswordProfile.KIND, Sessions.KIND,
            Group.KIND, Rule.KIND, Policy.ORDER, ProcessProfile.KIND, FileProfile.KIND,
            Sensor.DLP, Sensor.Binding.DLP, Sensor.WAF, Sensor.Binding.WAF,
            ResponseRules.KIND, VulnerabilityProfiles.KIND, AdmissionRules.RULES, AdmissionRules.STATE,
            SystemConfigs.KIND, EulaAcceptance.KIND, Domains.KIND, Domains.SETTING, RegistryConfig.KIND, Enrollments.TOKEN,
            Enrollments.ENFORCER, Enrollments.SCANNER, ScanConfig.KIND, RegistryImage.KIND,
            RegistryImage.Report.KIND, RuntimeScan.KIND, Quarantine.KIND);

    private Kinds() {}

    /** The kinds that hold one record per group, deleted with the group. */
    public static List<Kind<?>> perGroup() {
        return ALL.stream().filter(Kind::perGroup).toList();
    }
}
