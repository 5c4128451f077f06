package dev.bulwark.controller.assets;

import java.util.List;

/**
 * Something scanned whose vulnerabilities the views show, as its last scan found them: a running container, a node
 * or a registry image.
 */
sealed interface Asset permits Asset.Workload, Asset.Node, Asset.Image {

    String id();

    /** The name users see. */
    String name();

    List<Finding> findings();

    /** A running container and its last scan. */
    record Workload(String id, String name, String domain, String service, String serviceGroup, String image,
            String imageId, String policyMode, String scannedAt, List<Finding> findings) implements Asset {
        public Workload {
            findings = List.copyOf(findings);
        }
    }

    /** A connected node and its last scan. */
    record Node(String id, String name, String os, String kernel, int cpus, long memory, int containers,
            String scannedAt, List<Finding> findings) implements Asset {
        public Node {
            findings = List.copyOf(findings);
        }
    }

    /** One {@code repository:tag} of a registry and its image's last scan; tags of one image share its id. */
    record Image(String id, String registryName, String registryUrl, String repository, String tag, String digest,
            String baseOs, String createdAt, String scannedAt, long size, String cvedbVersion,
            String cvedbCreateTime, List<Finding> findings) implements Asset {
        public Image {
            findings = List.copyOf(findings);
        }

        @Override
        public String name() {
            return repository + ":" + tag;
        }
    }
}
