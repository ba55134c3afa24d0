/**
 * Rebuilding Elasticsearch after a restore. Elasticsearch is derived from the restored datastores
 * and never backed up; two post-restore steps bring it back:
 * <ul>
 *   <li>{@link org.lifeboat.rebuild.elasticsearch.ElasticsearchBulkRebuild} ({@code bulk} mode):
 *       Lifeboat reads a PostgreSQL query or a MongoDB collection and writes a new versioned index
 *       {@code <alias>-<timestamp>}, checks its count, then moves the alias to it in one
 *       {@code _aliases} request and deletes the old index. The live index is searchable until
 *       the swap; a failure at any phase deletes the new index and leaves the alias as it was.</li>
 *   <li>{@link org.lifeboat.rebuild.elasticsearch.ElasticsearchHookRebuild} ({@code hook} mode):
 *       the application rebuilds its own indices when called (token, trigger, poll a status); then
 *       each configured index is checked (exists, document count).</li>
 * </ul>
 * Neither needs {@code _reindex}. Memory is bounded by the bulk size whatever the source's size.
 */
package org.lifeboat.rebuild.elasticsearch;
