/**
 * MongoDB in {@code dump} mode, through the Java driver (no mongodump): each database becomes one
 * tar artifact in the mongodump folder layout ({@code <db>/<collection>.bson} of raw BSON and
 * {@code <db>/<collection>.metadata.json}); restore loads every collection into a temporary one,
 * checks it against the manifest, and swaps it in with {@code renameCollection}.
 */
package org.lifeboat.datastore.mongo;
