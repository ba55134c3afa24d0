/**
 * MinIO (any S3 server) in {@code clone} mode: every selected bucket's objects, with their content
 * type and user metadata, and the bucket settings the server exposes, streamed through the MinIO
 * Java SDK into one tar artifact per bucket ({@link org.lifeboat.datastore.minio.BucketArchive}
 * describes the layout). Restore loads each tar into a scratch bucket, checks counts, sizes and
 * SHA-256s, and only then copies it over the live bucket. In clone and rsync mode alike objects move several at
 * once ({@link org.lifeboat.datastore.minio.Transfers}), and archives and indexes still list them
 * in the server's key order ({@link org.lifeboat.datastore.minio.OrderedTransfers}).
 */
package org.lifeboat.datastore.minio;
