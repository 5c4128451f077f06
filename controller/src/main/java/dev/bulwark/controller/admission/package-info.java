/** Admission control configuration: the global state and the deny and exception rules (evaluated in a later stage). */
package dev.bulwark.controller.admission;
