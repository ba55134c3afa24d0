/**
 * InfluxDB 1.x in {@code dump} mode: every database as one line-protocol artifact in the format
 * {@code influx -import} reads (retention policies and continuous queries as DDL, points with
 * nanosecond timestamps and their stored field types), read through the InfluxDB Java client in
 * time windows of chunked queries; restore into a scratch database that is counted against the
 * manifest and then copied over the live one.
 */
package org.lifeboat.datastore.influx;
