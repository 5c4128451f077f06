package dev.bulwark.controller.domain;

/** The part of a configuration backup that holds a kind of record. */
public enum Section {
    /** Users, roles, API keys and password profiles. */
    USER,
    /** Groups, rules, profiles, sensors, admission and response rules. */
    POLICY,
    /** Cluster-wide settings: in the {@code all} backup only. */
    SYSTEM,
    /** Kept out of every backup: sessions, secrets. */
    NONE
}
