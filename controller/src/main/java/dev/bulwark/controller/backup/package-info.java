/**
 * Configuration backup and restore: {@code /v1/file/config}, made from the kinds of each section ({@code Backups}),
 * signed, and validated whole before one atomic replacement.
 */
package dev.bulwark.controller.backup;
