/**
 * The policy model: groups with their criteria and network rules in first-match order ({@code Policy},
 * {@code NetworkRules}), each group's process and file rules, DLP and WAF sensors, response rules, vulnerability
 * profiles, namespaces and CRD YAML, with NeuVector's field names and validation rules.
 */
package dev.bulwark.controller.policy;
