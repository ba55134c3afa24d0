/**
 * Tests of the Elasticsearch rebuild against a real Elasticsearch 8.19 node (one per test JVM,
 * {@link org.lifeboat.testing.ElasticsearchServer#shared()}), a real PostgreSQL 15 and the
 * MongoDB stand-in. Each test class uses its own alias names, so classes can share the node.
 */
package org.lifeboat.rebuild.elasticsearch;
