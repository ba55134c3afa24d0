/**
 * InfluxDB 1.x in {@code dump} mode: every database as one line-protocol artifact in the format
 * {@code influx -import} reads (retention policies and continuous queries as DDL, points with
 * exact nanosecond timestamps, each value in the type its shard stores it with). Points are read
 * as MessagePack ({@link org.lifeboat.datastore.influx.MessagePackAnswer}) one shard group window
 * at a time ({@link org.lifeboat.datastore.influx.ShardWindows}), and checked against the
 * server's own counts ({@link org.lifeboat.datastore.influx.PointCensus}); pings and writes go
 * through the InfluxDB Java client. Restore into a scratch database that the server counts
 * against the manifest, then copied over the live one.
 */
package org.lifeboat.datastore.influx;
