/**
 * Unattended operation. The jobs ({@link org.lifeboat.serve.NightlyJob}: backup, restore, prune)
 * and {@link org.lifeboat.serve.JobRunner}, which runs one under the environment's lock with its
 * notifications, are shared by the one-shot commands and by {@code lifeboat serve}
 * ({@link org.lifeboat.serve.Serve}), which puts them on the Quarkus Scheduler and answers for
 * health and metrics over HTTP ({@link org.lifeboat.serve.HealthServer}: the JDK's server, see why
 * there).
 */
package org.lifeboat.serve;
