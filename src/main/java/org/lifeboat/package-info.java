/**
 * Lifeboat: streamed, encrypted, verified backups. The program's version lives here; everything
 * else is in the subpackages (see README, "Building", for the layout).
 */
package org.lifeboat;
