package dev.bulwark.link;

/** NeuVector's ports for the link. */
public final class Ports {

    /** The controller's gRPC port ({@code DefaultControllerGRPCPort}). */
    public static final int CONTROLLER = 18400;
    /** The enforcer's gRPC port ({@code DefaultAgentGRPCPort}); our enforcer answers over its own session. */
    public static final int ENFORCER = 18401;
    /** The largest message either side accepts; a peer sending more is cut off. */
    public static final int MAX_MESSAGE = 4 << 20;

    private Ports() {}
}
