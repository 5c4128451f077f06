package dev.bulwark.enforcer.container;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A container on this node, as far as the runtime's state on disk tells. Text that is not known is empty.
 *
 * @param id the runtime's id: 64 hex digits, or any runc id for plain runc
 * @param runtime the runtime that runs it
 * @param name the runtime's name for it (podman's name, CRI-O's {@code k8s_...} name, the Kubernetes container
 *     name under containerd), else its id
 * @param image the image as the user named it, empty when unknown (plain runc has none)
 * @param pid its first process as the host sees it, 0 when unknown
 * @param rootfs its root file system as a host path, empty when unknown
 * @param labels its OCI annotations (runc's {@code config.labels}, including {@code bundle}), and the labels its
 *     pod and it have in Kubernetes when its CRI runtime could be asked
 * @param pod its Kubernetes pod, {@link Pod#NONE} outside Kubernetes
 */
public record Container(String id, ContainerRuntime runtime, String name, String image, int pid, String rootfs,
        Map<String, String> labels, Pod pod) {

    public Container {
        requireNonNull(id, "id");
        requireNonNull(runtime, "runtime");
        requireNonNull(name, "name");
        requireNonNull(image, "image");
        requireNonNull(rootfs, "rootfs");
        labels = Map.copyOf(labels);
        requireNonNull(pod, "pod");
        if (pid < 0) {
            throw new IllegalArgumentException("pid " + pid + " of container " + id + " is negative");
        }
    }

    /**
     * The Kubernetes pod a container belongs to. Text that is not known is empty.
     *
     * @param name the pod's name, such as {@code nginx-7d4f8b9c6-x2x7z}
     * @param namespace the pod's namespace
     * @param container the container's name in the pod spec
     */
    public record Pod(String name, String namespace, String container) {

        /** Not in Kubernetes. */
        public static final Pod NONE = new Pod("", "", "");

        public Pod {
            requireNonNull(name, "name");
            requireNonNull(namespace, "namespace");
            requireNonNull(container, "container");
        }

        /** Whether the runtime said which pod: NeuVector's test for a Kubernetes workload. */
        public boolean known() {
            return !name.isEmpty();
        }
    }
}
