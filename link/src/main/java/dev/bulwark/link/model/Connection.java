package dev.bulwark.link.model;

/**
 * The connections a node saw between a client address and a server address and port since its last report
 * (NeuVector's connection report): one record per conversation, the counters summed.
 *
 * @param workload the container of this node the connections belong to (the client, or the server when
 *        {@code ingress}); empty when they are the host's
 * @param ingress the workload is the server
 * @param ipProto 6 (TCP), 17 (UDP), 1 (ICMP), 58 (ICMPv6)
 * @param application NeuVector's name of the application recognised on the connections ({@code HTTP},
 *        {@code SSL}, {@code MySQL}, ...), empty when none was
 * @param fqdn the name a DNS answer seen on the node gave the server's address, else empty
 * @param action {@code open} (seen, not enforced: Discover and Monitor), {@code allow} or {@code deny} (the node's
 *        rules in Protect passed or dropped them)
 * @param ruleId the rule that decided, 0 for none (the default action)
 * @param sessions connections opened since the last report
 * @param bytes bytes both ways since the last report
 * @param firstSeen epoch seconds
 * @param lastSeen epoch seconds
 */
public record Connection(String workload, boolean ingress, String clientIp, String serverIp, int serverPort,
        int ipProto, String application, String fqdn, String action, int ruleId, long sessions, long bytes,
        long firstSeen, long lastSeen) {

    public static final String OPEN = "open";
    public static final String ALLOW = "allow";
    public static final String DENY = "deny";

    /** Text a node left out is empty; the action is {@code open} when not given. */
    public Connection {
        workload = Host.text(workload);
        clientIp = Host.text(clientIp);
        serverIp = Host.text(serverIp);
        application = Host.text(application);
        fqdn = Host.text(fqdn);
        action = action == null || action.isEmpty() ? OPEN : action;
    }
}
