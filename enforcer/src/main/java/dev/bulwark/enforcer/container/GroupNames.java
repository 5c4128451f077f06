package dev.bulwark.enforcer.container;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NeuVector's learned group names: {@code nv.<service>.<namespace>} for a Kubernetes workload, {@code nv.<service>}
 * for any other container, and the reserved {@code nodes} for processes of the host.
 *
 * <p>The service is worked out as NeuVector's agent does. In Kubernetes it is the pod's owning workload, read off
 * the pod name: a UUID-like tail is cut off; then the {@code pod-template-hash} label when known; then a ReplicaSet
 * hash and pod suffix ({@code -<6 to 10 hex>-<5 chars>}, or {@code -<1 to 5 digits>-<5 chars>} of replication
 * controllers); else the last dash-separated token (StatefulSet ordinal, DaemonSet or Job suffix). Outside
 * Kubernetes it is the image's repository name without registry, path or tag, or the container's name when there
 * is no image (plain runc). NeuVector's special cases for OpenShift, Rancher, IBM Cloud and node-named static pods,
 * and its opt-in {@code io.neuvector.service.name} label, are not followed.
 *
 * <p>The name is then made safe the way NeuVector does for URLs: characters outside printable ASCII are dropped and
 * {@code / ? % &} and space become {@code :}. Case is kept, as NeuVector keeps it.
 */
public final class GroupNames {

    /** The reserved group of the host's own processes. */
    public static final String NODES = "nodes";

    private static final String LEARNED_PREFIX = "nv.";
    private static final Pattern UUID_TAIL =
            Pattern.compile("-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern REPLICA_SET_POD = Pattern.compile(".*-[a-f0-9]{6,10}-[a-z0-9]{5}");
    private static final Pattern REPLICATION_CONTROLLER_POD = Pattern.compile(".*-[0-9]{1,5}-[a-z0-9]{5}");
    private static final Pattern NOT_PRINTABLE = Pattern.compile("[^\\x20-\\x7E]");
    private static final Pattern URL_RESERVED = Pattern.compile("[/?%& ]");

    private GroupNames() {}

    /** The learned group of {@code container}. */
    public static String of(Container container) {
        Container.Pod pod = container.pod();
        String service = pod.known()
                ? workload(pod.name(), container.labels()) + (pod.namespace().isEmpty() ? "" : "." + pod.namespace())
                : imageRepository(container.image()).orElse(container.name());
        return LEARNED_PREFIX + normalize(service);
    }

    /** The workload that owns a pod, from the pod's name and, when known, its labels. */
    static String workload(String podName, Map<String, String> labels) {
        Matcher uuid = UUID_TAIL.matcher(podName);
        if (uuid.find() && uuid.start() > 0) {
            return podName.substring(0, uuid.start());
        }
        String hash = labels.getOrDefault("pod-template-hash", "");
        int at = hash.isEmpty() ? -1 : podName.indexOf(hash);
        if (at > 0) {
            return podName.substring(0, at - 1);
        }
        int last = podName.lastIndexOf('-');
        if (REPLICA_SET_POD.matcher(podName).matches() || REPLICATION_CONTROLLER_POD.matcher(podName).matches()) {
            return podName.substring(0, podName.lastIndexOf('-', last - 1));
        }
        return last < 0 ? podName : podName.substring(0, last);
    }

    /** {@code nginx} for {@code registry.example:5000/library/nginx:1.27@sha256:...}; empty for no image. */
    private static Optional<String> imageRepository(String image) {
        String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        name = name.substring(name.lastIndexOf('/') + 1);
        int colon = name.indexOf(':');
        name = colon < 0 ? name : name.substring(0, colon);
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    private static String normalize(String service) {
        String printable = NOT_PRINTABLE.matcher(service).replaceAll("");
        return URL_RESERVED.matcher(printable).replaceAll(":");
    }
}
