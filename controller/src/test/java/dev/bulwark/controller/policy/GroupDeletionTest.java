package dev.bulwark.controller.policy;

import static dev.bulwark.controller.ApiChecks.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.ApiChecks;
import dev.bulwark.controller.ControllerTest;
import org.junit.jupiter.api.Test;

/**
 * A group's deletion takes its process profile, file rules and DLP and WAF bindings with it: a new group of the
 * same name starts from nothing, and the sensors it used are free to delete.
 */
class GroupDeletionTest extends ControllerTest {

    private void ok(String method, String path, String body) {
        assertOk(c.as(admin, method, path, body));
    }

    @Test
    void aGroupsProfileFileRulesAndSensorBindingsGoWithIt() {
        ApiChecks.group(c, admin, "web");
        ok("PATCH", "/v1/process_profile/web", "{\"process_profile_config\": {\"group\": \"web\", \"alert_disabled\":"
                + " true, \"process_change_list\": [{\"name\": \"nginx\", \"path\": \"/usr/sbin/nginx\", \"action\": "
                + "\"allow\"}]}}");
        ok("PATCH", "/v1/file_monitor/web", "{\"config\": {\"add_filters\": [{\"filter\": \"/etc/nginx/*\", "
                + "\"recursive\": true, \"behavior\": \"block_access\"}]}}");
        for (String kind : new String[] {"dlp", "waf"}) {
            ok("POST", "/v1/%s/sensor".formatted(kind), "{\"config\": {\"name\": \"s\", \"rules\": [{\"name\": "
                    + "\"r\", \"patterns\": [{\"key\": \"pattern\", \"op\": \"regex\", \"value\": \"x\"}]}]}}");
            ok("PATCH", "/v1/%s/group/web".formatted(kind), "{\"config\": {\"name\": \"web\", \"status\": true, "
                    + "\"sensors\": [{\"name\": \"s\", \"action\": \"deny\"}]}}");
        }
        // all attached, as the reads show
        assertThat(c.as(admin, "GET", "/v1/process_profile/web", null).at("/process_profile/process_list")).hasSize(1);
        assertThat(c.as(admin, "GET", "/v1/file_monitor/web", null).text()).contains("/etc/nginx/*");
        assertThat(c.as(admin, "GET", "/v1/dlp/group/web", null).at("/dlp_group/sensors")).hasSize(1);
        assertThat(c.as(admin, "GET", "/v1/waf/group/web", null).at("/waf_group/sensors")).hasSize(1);

        ok("DELETE", "/v1/group/web", null);
        ApiChecks.group(c, admin, "web");

        var profile = assertOk(c.as(admin, "GET", "/v1/process_profile/web", null)).at("/process_profile");
        assertThat(profile.path("process_list")).isEmpty();
        assertThat(profile.path("alert_disabled").asBoolean()).isFalse();
        var files = assertOk(c.as(admin, "GET", "/v1/file_monitor/web", null));
        assertThat(files.text()).doesNotContain("/etc/nginx/*");
        assertThat(files.at("/profile/filters").findValuesAsText("cfg_type")).containsOnly("system_defined");
        for (String kind : new String[] {"dlp", "waf"}) {
            var binding = assertOk(c.as(admin, "GET", "/v1/%s/group/web".formatted(kind), null)).at("/" + kind + "_group");
            assertThat(binding.path("sensors")).as(kind).isEmpty();
            assertThat(binding.path("status").asBoolean()).as(kind).isFalse();
            assertThat(c.as(admin, "GET", "/v1/%s/sensor/s".formatted(kind), null).at("/sensor/groups")).as(kind)
                    .isEmpty();
            ok("DELETE", "/v1/%s/sensor/s".formatted(kind), null);
        }
    }
}
