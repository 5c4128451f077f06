/**
 * The policy model: groups with their criteria, and network rules in their first-match order, with NeuVector's
 * field names and validation rules.
 */
package dev.bulwark.controller.policy;
