/** Tests of the InfluxDB datastore against real influxd servers, and of its artifacts against the real {@code influx -import}. */
package org.lifeboat.datastore.influx;
