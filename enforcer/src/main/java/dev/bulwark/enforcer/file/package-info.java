/**
 * File monitoring: changes to the files NeuVector watches in every container (package databases, accounts, name
 * resolution, programs), and the user's {@code block_access} rules, through fanotify.
 */
package dev.bulwark.enforcer.file;
