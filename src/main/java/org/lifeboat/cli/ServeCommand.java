package org.lifeboat.cli;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.runtime.Quarkus;
import io.quarkus.scheduler.Scheduler;
import java.nio.file.Path;
import java.time.Clock;
import org.lifeboat.app.Appliance;
import org.lifeboat.config.ConfigLoader;
import org.lifeboat.serve.Serve;
import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run this server's role unattended until stopped (SIGTERM): the backup role backs up on"
                + " lifeboat.serve.backup-cron (default 01:00 UTC) and on each lifeboat.serve.datastore-crons entry; the"
                + " restore role restores the newest sets on lifeboat.serve.restore-cron (default 04:00 UTC) and, with"
                + " lifeboat.serve.follow-every, as soon as a new complete set lands. Health (/q/health/live,"
                + " /q/health/ready) and Prometheus metrics (/q/metrics) answer on lifeboat.serve.http (default"
                + " 127.0.0.1:9464).",
                "",
                "serve or timers: every scheduled job runs exactly the code of its one-shot command (backup, backup"
                + " --datastore NAME, restore), with the same lock, timeouts and notifications. A systemd timer or a"
                + " Kubernetes CronJob running those commands stays a supported alternative; use one or the other per"
                + " environment (if both run, the lock refuses the second run and it alerts)."})
final class ServeCommand extends ConfiguredCommand {

    @Override
    int run(Appliance appliance, Clock clock) throws Exception {
        ArcContainer container = Arc.container();
        if (container == null) {
            throw new IllegalStateException("serve needs the program's runtime (Quarkus), started by bin/lifeboat or java -jar");
        }
        Scheduler scheduler = container.instance(Scheduler.class).get();
        Path file = ConfigLoader.locate(config, env);
        try (Serve serve = new Serve(() -> new Appliance(ConfigLoader.load(file, env), env), appliance.config(), clock)) {
            serve.start(scheduler);
            System.out.println("serving " + appliance.role() + " role of '" + appliance.config().environment() + "'; stop with SIGTERM");
            Quarkus.waitForExit();
        }
        return ExitCodes.OK;
    }
}
