package dev.bulwark.controller;

import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.network.Conversations;
import dev.bulwark.controller.network.ConversationsFeed;
import dev.bulwark.controller.network.GroupMemberships;
import dev.bulwark.controller.network.NetworkPolicies;
import dev.bulwark.controller.network.Quarantine;
import dev.bulwark.controller.network.QuarantineResponses;
import dev.bulwark.controller.policy.FileProfile;
import dev.bulwark.controller.policy.Group;
import dev.bulwark.controller.policy.Policy;
import dev.bulwark.controller.policy.ProcessProfile;
import dev.bulwark.controller.policy.Rule;
import dev.bulwark.controller.registry.RegistryScans;
import dev.bulwark.controller.runtime.AgentSessions;
import dev.bulwark.controller.runtime.Attachments;
import dev.bulwark.controller.runtime.Enrollments;
import dev.bulwark.controller.runtime.Learning;
import dev.bulwark.controller.runtime.LinkServer;
import dev.bulwark.controller.runtime.PolicyPush;
import dev.bulwark.controller.runtime.Runtime;
import dev.bulwark.controller.runtime.RuntimeState;
import dev.bulwark.controller.runtime.Telemetry;
import dev.bulwark.controller.scan.Databases;
import dev.bulwark.controller.scan.RuntimeScans;
import dev.bulwark.controller.scan.ScanAudit;
import dev.bulwark.controller.scan.ScanJobs;
import dev.bulwark.controller.scan.ScannerService;
import dev.bulwark.controller.scan.Scanning;
import dev.bulwark.controller.store.ClusterStore;
import dev.bulwark.controller.tls.InternalCa;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Supplier;

/**
 * The runtime plane's parts, wired: the link server, the policy push and the store watches that drive it, the
 * quarantine with the response rules that quarantine, the network's conversations fed by what enforcers report,
 * and the scanning service whose scanners connect over the
 * same link.
 */
record RuntimePlane(Runtime api, Scanning scanning, RegistryScans registryScans, RuntimeScans runtimeScans,
        ConversationsFeed network, LinkServer link, List<ClusterStore.Watch> watches) implements AutoCloseable {

    static RuntimePlane start(Services s, InternalCa.Authority ca, Logs logs, InstantSource clock, String host,
            int port, java.nio.file.Path dataDir) {
        EventLog events = logs.events();
        RuntimeState state = new RuntimeState();
        Attachments attachments = new Attachments(dataDir.resolve("attachments"));
        AgentSessions sessions = new AgentSessions(attachments);
        Enrollments enrollments = new Enrollments(s.records(), ca, events, clock);
        Quarantine quarantine = new Quarantine(s.records(), events, clock);
        GroupMemberships memberships = new GroupMemberships(s.policy());
        Supplier<String> globalMode = () -> {
            SystemConfigs.Config c = s.systemConfigs().current();
            return c.netServiceStatus() ? c.netServicePolicyMode() : "";
        };
        NetworkPolicies network = new NetworkPolicies(s.policy(), memberships, state, quarantine, globalMode);
        PolicyPush push = new PolicyPush(s.policy(), s.processProfiles(), s.fileRules(), network, state, sessions,
                clock);
        List<ClusterStore.Watch> watches = List.of(s.records().watch(Group.KIND, push::changed),
                s.records().watch(ProcessProfile.KIND, push::changed),
                s.records().watch(FileProfile.KIND, push::changed), s.records().watch(Rule.KIND, push::changed),
                s.records().watch(Policy.ORDER, push::changed), s.records().watch(Quarantine.KIND, push::changed),
                s.records().watch(SystemConfigs.KIND, push::changed));
        Learning learning = new Learning(s.policy(), s.processProfiles(), s.fileRules(), s.systemConfigs(), events);
        Telemetry telemetry = new Telemetry(state, learning, push, events, logs.incidents(), clock);
        Conversations graph = new Conversations();
        ConversationsFeed conversations = new ConversationsFeed(state, s.policy(), memberships, globalMode, graph,
                logs.violations(), clock);
        telemetry.onConnections(conversations::apply);
        telemetry.onLeft(graph::deleteEndpoint); // as NeuVector deletes a container's node from its graph
        ScanJobs jobs = new ScanJobs(clock);
        Databases databases = new Databases();
        ScanAudit audit = new ScanAudit(logs.audits());
        RegistryScans registryScans = new RegistryScans(s.records(), s.registries().states(), jobs,
                s.vulnerabilityProfiles(), audit, clock);
        databases.onUpdate(registryScans::databaseUpdated);
        Scanning scanning = new Scanning(jobs, databases);
        RuntimeScans runtimeScans = new RuntimeScans(s.records(), state, sessions, attachments, jobs, databases,
                s.vulnerabilityProfiles(), audit, clock);
        telemetry.onIncident(runtimeScans::packagesChanged);
        QuarantineResponses responses = new QuarantineResponses(s.responseRules(), memberships, state, quarantine);
        telemetry.onIncident(responses::securityEvent);
        logs.violations().onViolation(responses::securityEvent);
        try {
            LinkServer link = LinkServer.start(host, port, ca,
                    new LinkServer.Parts(enrollments, state, sessions, telemetry, push, attachments, clock),
                    new ScannerService(enrollments, scanning.jobs(), scanning.databases(), attachments, events));
            return new RuntimePlane(new Runtime(state, enrollments, sessions, push, quarantine, memberships),
                    scanning, registryScans, runtimeScans, conversations, link, watches);
        } catch (RuntimeException e) {
            watches.forEach(ClusterStore.Watch::close);
            push.close();
            registryScans.close();
            runtimeScans.close();
            scanning.close();
            throw e;
        }
    }

    @Override
    public void close() {
        link.close();
        registryScans.close();
        runtimeScans.close();
        scanning.close();
        watches.forEach(ClusterStore.Watch::close);
        api.push().close();
    }
}
