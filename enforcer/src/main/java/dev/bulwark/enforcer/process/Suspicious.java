package dev.bulwark.enforcer.process;

import dev.bulwark.enforcer.event.Incident;
import java.util.Map;
import java.util.Optional;

/**
 * NeuVector's built-in suspicious programs, reported in every mode and never learned: port scanners, network
 * relays and tunnels, remote shells. Matched on every name the program goes by, so that neither a multi-call
 * binary run under an applet's name ({@code busybox nc}, {@code cat} linked to busybox run as {@code nc}) nor a
 * renamed copy escapes.
 */
final class Suspicious {

    /** Program name to the incident it raises and why. */
    private static final Map<String, String[]> PROGRAMS = Map.ofEntries(
            Map.entry("nmap", new String[] {Incident.SUSPICIOUS_PROCESS, "port scanner"}),
            Map.entry("nc", new String[] {Incident.TUNNEL, "netcat, a network relay"}),
            Map.entry("ncat", new String[] {Incident.TUNNEL, "ncat, a network relay"}),
            Map.entry("netcat", new String[] {Incident.TUNNEL, "netcat, a network relay"}),
            Map.entry("socat", new String[] {Incident.TUNNEL, "socat, a network relay"}),
            Map.entry("iodine", new String[] {Incident.TUNNEL, "DNS tunnel client"}),
            Map.entry("iodined", new String[] {Incident.TUNNEL, "DNS tunnel server"}),
            Map.entry("dnscat", new String[] {Incident.TUNNEL, "DNS tunnel"}),
            Map.entry("dns2tcpc", new String[] {Incident.TUNNEL, "DNS tunnel client"}),
            Map.entry("dns2tcpd", new String[] {Incident.TUNNEL, "DNS tunnel server"}),
            Map.entry("sshd", new String[] {Incident.SUSPICIOUS_PROCESS, "ssh server in a container"}),
            Map.entry("ssh", new String[] {Incident.SUSPICIOUS_PROCESS, "ssh client"}),
            Map.entry("scp", new String[] {Incident.SUSPICIOUS_PROCESS, "remote copy"}),
            Map.entry("telnet", new String[] {Incident.SUSPICIOUS_PROCESS, "telnet client"}),
            Map.entry("in.telnetd", new String[] {Incident.SUSPICIOUS_PROCESS, "telnet server"}),
            Map.entry("telnetd", new String[] {Incident.SUSPICIOUS_PROCESS, "telnet server"}));

    private Suspicious() {}

    /**
     * The incident name and reason for a program, if one of the names it goes by is one of the suspicious ones
     * ({@code sshd} only in containers): its process name, its executable's name, the applet it acts as.
     */
    static Optional<String[]> of(java.util.Collection<String> names, boolean host) {
        for (String name : names) {
            String[] found = PROGRAMS.get(name);
            if (found != null && !(host && name.equals("sshd"))) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }
}
