/**
 * The command line: one picocli command per verb, started by {@link org.lifeboat.cli.LifeboatMain}
 * in Quarkus command mode. Exit codes: 0 success, 1 the run failed, 2 usage or configuration error.
 */
package org.lifeboat.cli;
