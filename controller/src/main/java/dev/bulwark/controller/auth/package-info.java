/**
 * Who may call the API: users with Argon2id password hashes, sessions that survive restarts, API keys, roles made
 * of NeuVector's permission ids (global or per namespace), and the password profile with its lockout.
 */
package dev.bulwark.controller.auth;
