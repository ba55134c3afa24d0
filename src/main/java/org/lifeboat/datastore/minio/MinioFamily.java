package org.lifeboat.datastore.minio;

import java.io.IOException;
import java.util.List;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.datastore.DatastoreContext;
import org.lifeboat.datastore.DatastoreFamily;

/** MinIO and other S3 servers: {@code clone} or {@code rsync} mode ({@link MinioDatastore}). */
public final class MinioFamily implements DatastoreFamily<MinioConfig> {

    @Override
    public boolean keepsMirror(MinioConfig config) {
        return config.mode() == MinioMode.rsync;
    }

    @Override
    public List<String> problems(MinioConfig config, String prefix) {
        String transfers = MinioSettings.transfersProblem(config.transfers());
        return transfers == null ? List.of() : List.of(prefix + "." + transfers);
    }

    @Override
    public Datastore open(String name, MinioConfig config, DatastoreContext context) throws IOException {
        String prefix = "lifeboat.datastores." + name;
        String secretKey = context.secrets().read(prefix + ".secret-key-file", config.secretKeyFile(), prefix + ".secret-key-env",
                config.secretKeyEnv()).orElse(null);
        return new MinioDatastore(name, new MinioSettings(config.mode().name(), config.endpoint(), config.accessKey(), secretKey,
                config.buckets().orElse(List.of()), config.excludeBuckets().orElse(List.of()),
                config.excludePrefixes().orElse(List.of()), config.transfers())).keepingReplaced(context.keepReplaced());
    }
}
