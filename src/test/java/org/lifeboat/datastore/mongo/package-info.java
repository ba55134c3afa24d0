/** Tests of the MongoDB datastore, against mongo-java-server stand-ins started as processes. */
package org.lifeboat.datastore.mongo;
