/**
 * What an enforcer tells its controller and what the controller pushes back, as JSON records in NeuVector's REST
 * field names; the controller adds what only it knows (the group's mode, the enforcer and host names) when it shows
 * them.
 */
package dev.bulwark.link.model;
