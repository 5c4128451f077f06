/** Exception types that every module shares and the CLI and API map to exit codes and statuses. */
package dev.bulwark.core.error;
