package org.lifeboat.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart under real Helm: lint, and the objects rendered from both environments' values,
 * parsed into the Kubernetes model (unknown fields fail).
 */
class HelmChartTest {

    private static final String CONFIG = "/etc/lifeboat/lifeboat.yaml";
    private static final Pattern KEY_FILE = Pattern.compile("/etc/lifeboat/keys/([A-Za-z0-9._-]+)");

    @TempDir
    Path work;

    @Test
    void lintStrictPassesWithEachEnvironmentsValues() throws Exception {
        for (Path values : List.of(HelmChart.PRODUCTION, HelmChart.STAGING)) {
            LintResult lint = HelmChart.lint(values, work.resolve(values.getFileName().toString()));
            assertFalse(lint.isFailed(), values + ": " + lint.getMessages());
            assertTrue(lint.getMessages().stream().noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]")),
                    values + ": " + lint.getMessages());
        }
    }

    @Test
    void productionIsOneCronJobPerDatastoreWithItsOwnScheduleAndNoDrill() throws Exception {
        HelmChart.Rendered rendered = HelmChart.parse(HelmChart.template(HelmChart.PRODUCTION, Map.of()));
        Map<String, CronJob> jobs = byName(rendered.cronJobs());
        assertEquals(Set.of("lifeboat-backup-postgres", "lifeboat-backup-mongo", "lifeboat-backup-influx", "lifeboat-backup-minio"),
                jobs.keySet());
        Map<String, String> schedules = Map.of("postgres", "30 1 * * *", "mongo", "40 1 * * *", "influx", "50 1 * * *",
                "minio", "0 2 * * *");
        schedules.forEach((datastore, schedule) -> {
            CronJob job = jobs.get("lifeboat-backup-" + datastore);
            assertEquals(schedule, job.getSpec().getSchedule(), datastore);
            assertEquals(List.of("backup", "--config", CONFIG, "--datastore", datastore), lifeboat(job).getArgs());
            assertEquals(List.of("/opt/lifeboat/bin/lifeboat"), lifeboat(job).getCommand());
            assertHardened(job);
        });
        assertEquals("64Mi", volume(jobs.get("lifeboat-backup-mongo"), "tmp").getEmptyDir().getSizeLimit().toString(),
                "MongoDB writes no backup data to /tmp: its job gets the JVM's 64Mi like the others");
        assertEquals("64Mi", volume(jobs.get("lifeboat-backup-postgres"), "tmp").getEmptyDir().getSizeLimit().toString());
        assertEquals(28800L, jobs.get("lifeboat-backup-mongo").getSpec().getJobTemplate().getSpec().getActiveDeadlineSeconds());
        assertEquals("500m", lifeboat(jobs.get("lifeboat-backup-minio")).getResources().getRequests().get("cpu").toString());
        assertEquals("250m", lifeboat(jobs.get("lifeboat-backup-influx")).getResources().getRequests().get("cpu").toString());
        assertFalse(rendered.configMap().getData().get("lifeboat.yaml").contains("restore"), "no restore role on production");
    }

    @Test
    void stagingIsTheDrillOnlyWithoutProductionsKeys() throws Exception {
        HelmChart.Rendered rendered = HelmChart.parse(HelmChart.template(HelmChart.STAGING, Map.of()));
        assertEquals(1, rendered.cronJobs().size());
        CronJob drill = rendered.cronJobs().get(0);
        assertEquals("lifeboat-drill", drill.getMetadata().getName());
        assertEquals(List.of("drill", "--config", CONFIG), lifeboat(drill).getArgs());
        assertEquals("0 6 * * *", drill.getSpec().getSchedule());
        assertHardened(drill);
        Set<String> mounted = mountedKeyFiles(drill);
        assertTrue(mounted.containsAll(Set.of("ssh_ed25519", "age-identity.txt", "allowed-signers")), mounted.toString());
        for (String productionOnly : List.of("manifest-signing-key", "age-recipients.txt", "state-identity.txt")) {
            assertFalse(mounted.contains(productionOnly), productionOnly + " must never reach staging");
        }
        String config = rendered.configMap().getData().get("lifeboat.yaml");
        assertTrue(config.contains("source-environment: production"), config);
        assertFalse(config.contains("backup:"), config);
    }

    @Test
    void everyKeyFileTheConfigurationNamesIsMountedAndNothingElse() throws Exception {
        for (Path values : List.of(HelmChart.PRODUCTION, HelmChart.STAGING)) {
            HelmChart.Rendered rendered = HelmChart.parse(HelmChart.template(values, Map.of()));
            Set<String> named = new TreeSet<>();
            Matcher m = KEY_FILE.matcher(rendered.configMap().getData().get("lifeboat.yaml"));
            while (m.find()) {
                named.add(m.group(1));
            }
            assertTrue(named.contains("known_hosts") && named.contains("ssh_ed25519"), named.toString());
            assertTrue(named.containsAll(Set.of("postgres-password", "mongo-password", "influx-password", "minio-secret-key")),
                    values + ": every datastore's secret: " + named);
            for (CronJob job : rendered.cronJobs()) {
                Set<String> provided = new TreeSet<>(mountedKeyFiles(job));
                provided.add("known_hosts"); // from the ConfigMap, copied beside the keys
                assertEquals(named, provided, values + " " + job.getMetadata().getName());
            }
            assertTrue(rendered.configMap().getData().get("known_hosts").startsWith("backup.example.org ssh-ed25519 AAAA"),
                    "port 22: the plain host name, the form the SSH library looks up");
        }
    }

    @Test
    void twoDatastoresStartingTogetherAreRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> HelmChart.template(HelmChart.PRODUCTION, Map.of("datastores.influx.schedule", "30 1 * * *")));
        assertTrue(e.getMessage().contains("its own start"), e.getMessage());
    }

    @Test
    void knownHostsMustHaveTheFormTheSshLibraryLooksUp() throws Exception {
        String key = " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGRcJDXBMCocmIv6n7Hn0Ptg13pP+s07ZbPAGq8Z1BKv";
        IllegalStateException onDefaultPort = assertThrows(IllegalStateException.class,
                () -> HelmChart.template(HelmChart.PRODUCTION, Map.of("knownHosts", "[backup.example.org]:22" + key)));
        assertTrue(onDefaultPort.getMessage().contains("'backup.example.org'"), onDefaultPort.getMessage());
        IllegalStateException onOtherPort = assertThrows(IllegalStateException.class, () -> HelmChart.template(HelmChart.PRODUCTION,
                Map.of("store.sftp.port", "2222", "knownHosts", "backup.example.org" + key)));
        assertTrue(onOtherPort.getMessage().contains("'[backup.example.org]:2222'"), onOtherPort.getMessage());
        HelmChart.Rendered ok = HelmChart.parse(HelmChart.template(HelmChart.PRODUCTION,
                Map.of("store.sftp.port", "2222", "knownHosts", "[backup.example.org]:2222" + key)));
        assertTrue(ok.configMap().getData().get("lifeboat.yaml").contains("port: 2222"));
    }

    private static void assertHardened(CronJob job) {
        String name = job.getMetadata().getName();
        assertEquals("Forbid", job.getSpec().getConcurrencyPolicy(), name);
        assertEquals(0, job.getSpec().getJobTemplate().getSpec().getBackoffLimit(), name);
        assertTrue(job.getSpec().getJobTemplate().getSpec().getActiveDeadlineSeconds() > 0, name);
        assertTrue(job.getSpec().getStartingDeadlineSeconds() > 0, name);
        assertEquals(3, job.getSpec().getSuccessfulJobsHistoryLimit(), name);
        assertEquals(5, job.getSpec().getFailedJobsHistoryLimit(), name);
        PodSpec pod = pod(job);
        assertEquals("Never", pod.getRestartPolicy());
        assertFalse(pod.getAutomountServiceAccountToken());
        assertTrue(pod.getSecurityContext().getRunAsNonRoot(), name);
        assertTrue(pod.getSecurityContext().getRunAsUser() > 0, name);
        for (Container c : concat(pod.getInitContainers(), pod.getContainers())) {
            assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem(), name + " " + c.getName());
            assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation(), name + " " + c.getName());
            assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop(), name + " " + c.getName());
            assertTrue(c.getResources().getLimits().containsKey("memory"), name + " " + c.getName());
        }
        assertEquals("Memory", volume(job, "etc-lifeboat").getEmptyDir().getMedium(), "keys are copied to memory, never to node disk");
        Map<String, Boolean> mounts = lifeboat(job).getVolumeMounts().stream()
                .collect(Collectors.toMap(v -> v.getMountPath(), v -> Boolean.TRUE.equals(v.getReadOnly())));
        assertEquals(Map.of("/etc/lifeboat", true, "/tmp", false, "/var/lib/lifeboat", false), mounts, name);
    }

    private static Set<String> mountedKeyFiles(CronJob job) {
        Set<String> files = new TreeSet<>();
        for (VolumeProjection source : volume(job, "secrets").getProjected().getSources()) {
            source.getSecret().getItems().forEach(item -> files.add(item.getPath()));
        }
        return files;
    }

    private static Map<String, CronJob> byName(List<CronJob> jobs) {
        return jobs.stream().collect(Collectors.toMap(j -> j.getMetadata().getName(), j -> j, (a, b) -> a, TreeMap::new));
    }

    private static PodSpec pod(CronJob job) {
        return job.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    }

    private static Container lifeboat(CronJob job) {
        return pod(job).getContainers().stream().filter(c -> c.getName().equals("lifeboat")).findFirst().orElseThrow();
    }

    private static Volume volume(CronJob job, String name) {
        return pod(job).getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    private static List<Container> concat(List<Container> a, List<Container> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
