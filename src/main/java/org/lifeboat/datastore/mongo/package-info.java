/**
 * MongoDB in {@code dump} mode, through the Java driver (no mongodump): each database becomes the
 * mongodump folder layout, one artifact per file ({@code <db>/<collection>.bson} of raw BSON and
 * {@code <db>/<collection>.metadata.json}), streamed without staging; restore loads every
 * collection into a temporary one, checks it against the manifest, and swaps it in with
 * {@code renameCollection}. Sets of the earlier format (one tar per database) still restore.
 */
package org.lifeboat.datastore.mongo;
