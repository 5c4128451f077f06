package dev.bulwark.manager.console;

/**
 * One file of the console, held in memory as served.
 *
 * @param gzipped the body compressed, or null when compressing does not make it smaller
 */
public record Asset(String contentType, byte[] body, byte[] gzipped) {}
