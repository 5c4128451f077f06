package dev.bulwark.controller.domain;

/** A stored record with the revision a change of it must compare against. */
public record Versioned<T>(T value, long revision) {}
