package dev.bulwark.controller.auth;

import java.util.List;
import java.util.Set;

/**
 * NeuVector's permission ids that roles are made of. Each is granted for reading, writing or both, globally or
 * for the namespaces (domains) of a role assignment. {@link #DOMAIN_CAPABLE} are those a namespace role may hold.
 */
public final class Permissions {

    public static final String CONFIG = "config";
    public static final String AUTHENTICATION = "authentication";
    public static final String AUTHORIZATION = "authorization";
    public static final String CI_SCAN = "ci_scan";
    public static final String REG_SCAN = "reg_scan";
    public static final String RT_SCAN = "rt_scan";
    public static final String RT_POLICY = "rt_policy";
    public static final String ADMCTRL = "admctrl";
    public static final String COMPLIANCE = "compliance";
    public static final String VULNERABILITY = "vulnerability";
    public static final String EVENTS = "events";
    public static final String AUDIT_EVENTS = "audit_events";
    public static final String SECURITY_EVENTS = "security_events";

    public static final List<String> ALL = List.of(CONFIG, AUTHENTICATION, AUTHORIZATION, CI_SCAN, REG_SCAN, RT_SCAN,
            RT_POLICY, ADMCTRL, COMPLIANCE, VULNERABILITY, EVENTS, AUDIT_EVENTS, SECURITY_EVENTS);

    public static final Set<String> DOMAIN_CAPABLE = Set.of(CONFIG, REG_SCAN, RT_SCAN, RT_POLICY, COMPLIANCE,
            VULNERABILITY, EVENTS, AUDIT_EVENTS, SECURITY_EVENTS, AUTHORIZATION);

    private Permissions() {}
}
