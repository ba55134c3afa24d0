package org.lifeboat.cli;

import org.lifeboat.LifeboatVersion;
import picocli.CommandLine;

/** {@code --version}. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {LifeboatVersion.describe()};
    }
}
