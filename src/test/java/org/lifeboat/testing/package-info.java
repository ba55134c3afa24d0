/**
 * Test harnesses that start real servers as local processes (bound to 127.0.0.1, on a free port,
 * in a temp directory) through the project's own {@code scripts/servers/*} scripts.
 */
package org.lifeboat.testing;
