/** Configuration backup and restore: {@code /v1/file/config}, validated whole before one atomic replacement. */
package dev.bulwark.controller.backup;
