package org.lifeboat.datastore.minio;

import org.lifeboat.datastore.ModeConverter;

/** How a MinIO (S3) server is backed up ({@code lifeboat.datastores.minio.mode}). */
public enum MinioMode {
    /** Every object of every bucket into one archive per bucket. */
    clone,
    /** Only new and changed objects, into the mirror, with an index per bucket in each set. */
    rsync;

    /** Reads {@code mode}, naming both modes when it is neither. */
    public static final class Converter extends ModeConverter<MinioMode> {
        public Converter() {
            super(MinioMode.class);
        }
    }
}
