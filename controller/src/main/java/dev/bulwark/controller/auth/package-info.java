/**
 * Who may call the API: users with Argon2id password hashes, sessions that survive restarts, API keys, roles made
 * of NeuVector's permission ids (global or per namespace), and the password profile with its lockout; the services
 * {@code Accounts}, {@code Users}, {@code Roles} and {@code ApiKeys}, whose every change goes through
 * {@code Grants}.
 */
package dev.bulwark.controller.auth;
