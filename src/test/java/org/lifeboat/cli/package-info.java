/** Tests of {@code org.lifeboat.cli} that need no server: the command line itself. */
package org.lifeboat.cli;
