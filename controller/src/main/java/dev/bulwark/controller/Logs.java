package dev.bulwark.controller;

import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.network.Violations;
import java.time.InstantSource;

/**
 * The controller's logs, each kept in memory as NeuVector keeps them: events, the REST activity, the incidents
 * enforcers report, the audit records of scans, and the network violations.
 */
record Logs(EventLog events, EventLog activity, EventLog incidents, EventLog audits, Violations violations) {

    static Logs of(String clusterName, InstantSource clock) {
        return new Logs(log(clusterName, clock), log(clusterName, clock), log(clusterName, clock),
                log(clusterName, clock), new Violations(clusterName, clock));
    }

    private static EventLog log(String clusterName, InstantSource clock) {
        return new EventLog(EventLog.DEFAULT_CAPACITY, clusterName, clock);
    }
}
