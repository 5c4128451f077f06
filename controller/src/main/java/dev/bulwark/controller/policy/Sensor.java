package dev.bulwark.controller.policy;

import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Section;
import java.util.List;

/**
 * A DLP or WAF sensor, {@code RESTDlpSensor} / {@code RESTWafSensor}: rules of regex patterns. {@code groups} is
 * shown from the bindings, never stored.
 */
public record Sensor(String name, List<String> groups, List<Rule> rules, String comment, boolean predefine,
        String cfgType) {

    public static final Kind<Sensor> DLP = Kind.of("dlp/sensor", Sensor.class, "Sensor", Section.POLICY);
    public static final Kind<Sensor> WAF = Kind.of("waf/sensor", Sensor.class, "Sensor", Section.POLICY);

    /** A pattern: {@code key} is {@code pattern}; {@code op} regex or !regex; {@code context} where it looks. */
    public record PatternEntry(String key, String value, String op, String context) {}

    public record Rule(String name, Integer id, List<PatternEntry> patterns, String cfgType) {}

    /** The sensors bound to a group with their actions, {@code RESTDlpGroup} / {@code RESTWafGroup}. */
    public record Binding(String name, boolean status, List<Setting> sensors, String cfgType) {

        public static final Kind<Binding> DLP = Kind.of("dlp/group", Binding.class, "DLP group", Section.POLICY)
                .onePerGroup();
        public static final Kind<Binding> WAF = Kind.of("waf/group", Binding.class, "WAF group", Section.POLICY)
                .onePerGroup();
    }

    /** A sensor bound to a group ({@code RESTDlpSetting} / {@code RESTWafSetting}). */
    public record Setting(String name, String action, Boolean exist, String comment, String cfgType) {}
}
