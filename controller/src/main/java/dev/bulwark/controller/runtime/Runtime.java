package dev.bulwark.controller.runtime;

import java.time.Instant;

/**
 * The runtime plane as the REST handlers see it: what runs where, who joined, the sessions to ask enforcers
 * about their containers, and revocation.
 */
public record Runtime(RuntimeState state, Enrollments enrollments, AgentSessions sessions, PolicyPush push) {

    /**
     * Revokes an enforcer: its certificate is refused from now on, its session is cut, and it and its containers
     * are forgotten.
     */
    public void revoke(String enforcerId, Instant now) {
        enrollments.revoke(enforcerId);
        sessions.cut(enforcerId, "the enforcer was deleted");
        state.forget(enforcerId);
        push.changed();
    }
}
