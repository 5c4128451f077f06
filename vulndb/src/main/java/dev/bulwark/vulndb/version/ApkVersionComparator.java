package dev.bulwark.vulndb.version;

/** Placeholder until implemented in this change. */
final class ApkVersionComparator implements VersionComparator {
    static final ApkVersionComparator INSTANCE = new ApkVersionComparator();
    @Override public Ecosystem ecosystem() { throw new IllegalStateException(); }
    @Override public void validate(String version) { throw new IllegalStateException(); }
    @Override public int compare(String a, String b) { throw new IllegalStateException(); }
}
