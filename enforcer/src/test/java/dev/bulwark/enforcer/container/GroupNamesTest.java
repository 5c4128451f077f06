package dev.bulwark.enforcer.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GroupNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # Deployment: ReplicaSet hash of 6 to 10 hex digits, then the pod's 5 characters
            nginx-7d4f8b9c6-x2x7z                     | nginx
            frontend-3823415956-853n5                 | frontend
            kube-dns-v20-7c8f9d-abcde                 | kube-dns-v20
            # ReplicationController: a number, then the pod's 5 characters
            redis-master-2-k9x2p                      | redis-master
            # StatefulSet ordinal, DaemonSet and Job suffixes: the last token
            db-0                                      | db
            web-store-12                              | web-store
            agent-abcde                               | agent
            calico-node-m308t                         | calico-node
            # a UUID-like part and what follows it
            job-runner-0f8b5a6e-1c2d-4e3f-8a9b-0c1d2e3f4a5b-xyz | job-runner
            # a bare name stays
            standalone                                | standalone
            """)
    void workloadIsReadOffThePodName(String pod, String workload) {
        assertThat(GroupNames.workload(pod, Map.of())).isEqualTo(workload);
    }

    @Test
    void podTemplateHashLabelCutsWhereThePatternsDoNot() {
        // the hash's letters outside a-f defeat the ReplicaSet pattern
        assertThat(GroupNames.workload("web-6bqz4d7k9-x2x7z", Map.of())).isEqualTo("web-6bqz4d7k9");
        assertThat(GroupNames.workload("web-6bqz4d7k9-x2x7z", Map.of("pod-template-hash", "6bqz4d7k9")))
                .isEqualTo("web");
    }

    @Test
    void kubernetesGroupIsWorkloadDotNamespace() {
        var pod = new Container.Pod("nginx-7d4f8b9c6-x2x7z", "shop", "nginx");

        assertThat(GroupNames.of(container("docker.io/library/nginx:1.27", pod))).isEqualTo("nv.nginx.shop");
    }

    @Test
    void otherContainersAreGroupedByImageRepository() {
        assertThat(GroupNames.of(container("registry.example:5000/team/api:2.1@sha256:0123", Container.Pod.NONE)))
                .isEqualTo("nv.api");
        assertThat(GroupNames.of(container("localhost/bbtest:1", Container.Pod.NONE))).isEqualTo("nv.bbtest");
    }

    @Test
    void containersWithoutImageAreGroupedByName() {
        assertThat(GroupNames.of(container("", Container.Pod.NONE))).isEqualTo("nv.my-ctr_1");
    }

    @Test
    void namesAreMadeSafeForUrlsAsNeuVectorDoes() {
        var odd = new Container("x", ContainerRuntime.RUNC, "Web App/v2?a=1&b=50%\tné", "", 0, "", Map.of(),
                Container.Pod.NONE);

        assertThat(GroupNames.of(odd)).isEqualTo("nv.Web:App:v2:a=1:b=50:n");
    }

    private static Container container(String image, Container.Pod pod) {
        return new Container("9d4e0a1f", ContainerRuntime.CONTAINERD, "my-ctr_1", image, 42, "", Map.of(), pod);
    }
}
