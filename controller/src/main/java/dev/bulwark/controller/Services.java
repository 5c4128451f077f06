package dev.bulwark.controller;

import dev.bulwark.controller.admission.AdmissionRules;
import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.auth.Accounts;
import dev.bulwark.controller.auth.ApiKeys;
import dev.bulwark.controller.auth.Roles;
import dev.bulwark.controller.auth.Sessions;
import dev.bulwark.controller.auth.Users;
import dev.bulwark.controller.backup.Backups;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.policy.Crds;
import dev.bulwark.controller.policy.Domains;
import dev.bulwark.controller.policy.FileRules;
import dev.bulwark.controller.policy.NetworkRules;
import dev.bulwark.controller.policy.Policy;
import dev.bulwark.controller.policy.ProcessProfiles;
import dev.bulwark.controller.policy.ResponseRules;
import dev.bulwark.controller.policy.Sensors;
import dev.bulwark.controller.policy.VulnerabilityProfiles;
import dev.bulwark.controller.registry.Registries;
import dev.bulwark.controller.registry.RegistryScanStates;
import dev.bulwark.controller.store.ClusterStore;
import java.time.InstantSource;

/**
 * The controller's domain services, one of each, over one store: the REST handlers call them, and so will the
 * gRPC services for enforcers and scanners, so that every rule lives here and not in a handler.
 */
record Services(Records records, Accounts accounts, Users users, Roles roles, ApiKeys apiKeys, Policy policy, NetworkRules networkRules,
        ProcessProfiles processProfiles, FileRules fileRules, Sensors dlp, Sensors waf, ResponseRules responseRules,
        VulnerabilityProfiles vulnerabilityProfiles, AdmissionRules admission, SystemConfigs systemConfigs,
        Domains domains, Crds crds, Backups backups, Registries registries) {

    static Services over(ClusterStore store, EventLog events, String clusterName, InstantSource clock) {
        Records records = new Records(store);
        Policy policy = new Policy(records, Kinds.perGroup());
        Accounts accounts = new Accounts(records, new Sessions(records, clock), events, clock);
        return new Services(records, accounts, new Users(accounts, records), new Roles(accounts, records),
                new ApiKeys(accounts, records), policy,
                new NetworkRules(policy, clock), new ProcessProfiles(records, clock), new FileRules(records),
                Sensors.dlp(records), Sensors.waf(records), new ResponseRules(records, policy),
                new VulnerabilityProfiles(records, clock), new AdmissionRules(records),
                new SystemConfigs(records, clusterName), new Domains(policy, records), new Crds(policy, records, clock),
                new Backups(store, records, policy, Kinds.ALL, clock),
                new Registries(records, new RegistryScanStates()));
    }
}
