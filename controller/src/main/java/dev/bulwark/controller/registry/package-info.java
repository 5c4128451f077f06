/**
 * Registry scanning configuration: the registries NeuVector scans ({@code RESTRegistryConfig}), each of a
 * {@link dev.bulwark.controller.registry.RegistryType}, with the {@link dev.bulwark.controller.registry.RegistryFilter
 * filters} that pick its repositories and tags, its credentials (kept, never shown) and its schedule. It holds no
 * scan: the state a scan reports is plugged in as {@link dev.bulwark.controller.registry.RegistryScanState}. Start at
 * {@link dev.bulwark.controller.registry.Registries}; {@code RegistryApi} serves {@code /v1/scan/registry}.
 */
package dev.bulwark.controller.registry;
