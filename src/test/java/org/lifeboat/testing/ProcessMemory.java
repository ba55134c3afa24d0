package org.lifeboat.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** The benchmarks' memory figures for this JVM: peak heap in use and peak resident set size. */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** Bytes: the sum of every heap pool's peak usage since start or the last {@link #resetPeakHeap()}. */
    public static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    public static void resetPeakHeap() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The kernel's peak resident set size of this process, for example {@code 306316 kB}. */
    public static String vmHwm() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                .map(l -> l.replaceAll("VmHWM:\\s+", "").trim()).findFirst().orElse("unknown");
    }
}
