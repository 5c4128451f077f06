/**
 * Admission control configuration: the global state and the deny and exception rules, checked against NeuVector's
 * criteria ({@code AdmissionRules}), evaluated in a later stage.
 */
package dev.bulwark.controller.admission;
