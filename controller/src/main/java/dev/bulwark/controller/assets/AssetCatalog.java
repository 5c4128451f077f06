package dev.bulwark.controller.assets;

import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import dev.bulwark.controller.policy.Group;
import dev.bulwark.controller.policy.Policy;
import dev.bulwark.controller.registry.Registries;
import dev.bulwark.controller.registry.RegistryConfig;
import dev.bulwark.controller.registry.RegistryImage;
import dev.bulwark.controller.registry.RegistryScans;
import dev.bulwark.controller.runtime.RuntimeState;
import dev.bulwark.controller.scan.RuntimeScan;
import dev.bulwark.controller.scan.RuntimeScans;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scanned assets a caller may see, as NeuVector's {@code getAllAllowedResourceId} allows them: running
 * containers of the namespaces where the caller holds {@code rt_scan} (all of them with it globally), nodes only with
 * {@code rt_scan} globally, and the images of the registries the caller may see. Findings are read from the last
 * reports with the vulnerability profile's accepted vulnerabilities left out. Thread-safe; each call reads anew.
 */
public final class AssetCatalog {

    private final RuntimeScans runtimeScans;
    private final RegistryScans registryScans;
    private final Registries registries;
    private final RuntimeState state;
    private final Policy policy;

    public AssetCatalog(RuntimeScans runtimeScans, RegistryScans registryScans, Registries registries,
            RuntimeState state, Policy policy) {
        this.runtimeScans = runtimeScans;
        this.registryScans = registryScans;
        this.registries = registries;
        this.state = state;
        this.policy = policy;
    }

    /** What one caller may see at one moment. */
    record Catalog(List<Asset.Workload> workloads, List<Asset.Node> nodes, List<Asset.Image> images) {
        Catalog {
            workloads = List.copyOf(workloads);
            nodes = List.copyOf(nodes);
            images = List.copyOf(images);
        }

        List<Asset> all() {
            List<Asset> all = new ArrayList<>(workloads);
            all.addAll(nodes);
            all.addAll(images);
            return all;
        }
    }

    Catalog of(Principal caller) {
        return new Catalog(workloads(caller), nodes(caller), images(caller));
    }

    private List<Asset.Workload> workloads(Principal caller) {
        List<Asset.Workload> out = new ArrayList<>();
        for (RuntimeScan s : runtimeScans.runningWorkloads()) {
            if (!caller.on(Permissions.RT_SCAN, false, s.domain())) {
                continue;
            }
            Optional<RuntimeState.Running> running = state.workload(s.id());
            String group = running.map(r -> r.workload().group()).orElse("");
            runtimeScans.report(RuntimeScan.WORKLOAD, s.id(), false).ifPresent(r -> out.add(new Asset.Workload(
                    s.id(), s.name(), s.domain(), running.map(w -> w.workload().service()).orElse(""), group,
                    s.image(), s.imageId(), mode(group), s.scannedAt(), Finding.of(Optional.of(r)))));
        }
        return out;
    }

    private List<Asset.Node> nodes(Principal caller) {
        List<Asset.Node> out = new ArrayList<>();
        if (!caller.global(Permissions.RT_SCAN, false)) {
            return out;
        }
        Map<String, Integer> containers = new HashMap<>();
        state.workloads().stream().filter(r -> r.workload().running())
                .forEach(r -> containers.merge(r.hostId(), 1, Integer::sum));
        for (RuntimeState.Agent a : state.agents()) {
            if (a.host() == null) {
                continue;
            }
            String id = a.hostId();
            String scannedAt = runtimeScans.host(id).scannedAt();
            runtimeScans.report(RuntimeScan.HOST, id, false).ifPresent(r -> out.add(new Asset.Node(id,
                    a.hostName(), a.host().os(), a.host().kernel(), a.host().cpus(), a.host().memory(),
                    containers.getOrDefault(id, 0), scannedAt, Finding.of(Optional.of(r)))));
        }
        return out;
    }

    private List<Asset.Image> images(Principal caller) {
        List<Asset.Image> out = new ArrayList<>();
        for (RegistryConfig registry : registries.list(caller)) {
            for (RegistryImage i : registryScans.currentImages(registry.name())) {
                if (i.imageId().isEmpty() || !i.status().equals(RegistryImage.FINISHED)) {
                    continue;
                }
                out.add(new Asset.Image(i.imageId(), registry.name(), registry.registry(), i.repository(), i.tag(),
                        i.digest(), i.baseOs(), i.createdAt(), i.scannedAt(), i.size(), i.scannerVersion(),
                        i.cvedbCreateTime(), Finding.of(registryScans.shownReport(registry.name(), i.imageId(),
                        false))));
            }
        }
        return out;
    }

    /** The policy mode of a container's group, {@code ""} when it has none. */
    String mode(String group) {
        return group.isEmpty() ? "" : policy.group(group).map(Group::policyMode).orElse("");
    }
}
