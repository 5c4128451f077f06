/**
 * Version ordering per ecosystem, exact to each ecosystem's own tool (dpkg, apk-tools, rpm). Pure functions over
 * strings; no advisory knowledge. Start at {@link dev.bulwark.vulndb.version.Ecosystem#comparator()}.
 */
package dev.bulwark.vulndb.version;
