/** Tests of the MinIO clone datastore against S3Proxy, the stand-in for a MinIO server. */
package org.lifeboat.datastore.minio;
