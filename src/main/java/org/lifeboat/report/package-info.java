/**
 * What a drill or a disaster recovery proved, for people and for trends: the
 * {@link org.lifeboat.report.DrillReport} (set, data age, per-datastore checks, post-restore
 * steps, time to recover, outcome), its JSON form ({@link org.lifeboat.report.ReportJson}, written
 * locally and to the backup server's {@code reports/}) and its readable tables
 * ({@link org.lifeboat.report.ReportTable}).
 */
package org.lifeboat.report;
