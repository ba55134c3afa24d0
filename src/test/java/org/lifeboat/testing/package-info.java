/**
 * Test harnesses that start real servers as local processes (bound to 127.0.0.1, on a free port,
 * in a temp directory) through the project's own {@code scripts/servers/*} scripts, and the JUnit
 * extensions that give a test class its servers: {@link org.lifeboat.testing.ClassServer} (one)
 * and {@link org.lifeboat.testing.ServerPair} (production and staging, with a
 * {@link org.lifeboat.testing.ClosedPort} for an unreachable datastore).
 */
package org.lifeboat.testing;
