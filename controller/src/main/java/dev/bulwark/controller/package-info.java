/** The controller: NeuVector's REST API over a durable store, with authentication, RBAC, policy and audit. */
package dev.bulwark.controller;
