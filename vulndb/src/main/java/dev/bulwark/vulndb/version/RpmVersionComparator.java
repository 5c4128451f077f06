package dev.bulwark.vulndb.version;

/** Placeholder until implemented in this change. */
final class RpmVersionComparator implements VersionComparator {
    static final RpmVersionComparator INSTANCE = new RpmVersionComparator();
    @Override public Ecosystem ecosystem() { throw new IllegalStateException(); }
    @Override public void validate(String version) { throw new IllegalStateException(); }
    @Override public int compare(String a, String b) { throw new IllegalStateException(); }
}
