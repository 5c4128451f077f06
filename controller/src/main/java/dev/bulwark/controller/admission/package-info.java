/**
 * Admission control configuration: the global state and the deny and exception rules, checked against NeuVector's
 * criteria ({@code AdmissionRules}); {@code admission.evaluate} judges requests against them.
 */
package dev.bulwark.controller.admission;
