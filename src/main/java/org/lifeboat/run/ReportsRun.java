package org.lifeboat.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.lifeboat.app.Appliance;
import org.lifeboat.report.DrillReport;
import org.lifeboat.report.ReportJson;
import org.lifeboat.store.StoreEntry;

/**
 * {@code lifeboat reports}: the past drills and disaster recoveries of this server's sets, from
 * the backup server's {@code <environment>/reports/}, oldest first, with their data age (RPO) and
 * time to recover (RTO), so that a trend shows. A report that cannot be read is named, not hidden.
 */
public final class ReportsRun {

    private static final Logger LOG = Logger.getLogger(ReportsRun.class);

    /** The largest report read; a bigger file is not a report. */
    private static final int MAX_REPORT_BYTES = 4 << 20;

    private final Appliance appliance;

    public ReportsRun(Appliance appliance) {
        this.appliance = appliance;
    }

    /** The newest {@code last} reports, oldest first. */
    public List<DrillReport> reports(int last) throws IOException {
        String folder = DrillRun.reportsFolder(appliance.setsEnvironment());
        if (appliance.store().stat(folder).isEmpty()) {
            return List.of();
        }
        List<StoreEntry> files = appliance.store().list(folder).stream()
                .filter(e -> !e.folder() && e.name().endsWith(".json") && !e.name().startsWith("."))
                .sorted(Comparator.comparing(StoreEntry::name)).toList();
        List<DrillReport> reports = new ArrayList<>();
        for (StoreEntry file : files.subList(Math.max(0, files.size() - last), files.size())) {
            String path = folder + "/" + file.name();
            try (InputStream in = appliance.store().read(path)) {
                reports.add(ReportJson.read(in.readNBytes(MAX_REPORT_BYTES), appliance.store().describe() + ":" + path));
            } catch (IOException e) {
                LOG.warnf("report %s skipped: %s", path, e.getMessage());
            }
        }
        reports.sort(Comparator.comparing(DrillReport::finished));
        return reports;
    }

    /** Prints the table of {@link #reports(int)}. */
    public void print(int last, PrintStream out) throws IOException {
        List<DrillReport> reports = reports(last);
        if (reports.isEmpty()) {
            out.println("no drill reports yet in " + appliance.store().describe());
            return;
        }
        out.print(org.lifeboat.report.ReportTable.list(reports));
    }
}
