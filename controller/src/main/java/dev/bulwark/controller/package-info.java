/**
 * The controller: NeuVector's REST API over a durable store, with authentication, RBAC, policy and audit. Handlers
 * ({@code *Api}) parse, authorise, call a domain service and render; the domain services ({@code Services}) hold
 * the rules; {@code Kinds} lists every kind of stored record.
 */
package dev.bulwark.controller;
