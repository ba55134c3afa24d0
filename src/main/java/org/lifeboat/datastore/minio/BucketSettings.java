package org.lifeboat.datastore.minio;

import io.minio.DeleteBucketLifecycleArgs;
import io.minio.DeleteBucketPolicyArgs;
import io.minio.DeleteBucketTagsArgs;
import io.minio.GetBucketLifecycleArgs;
import io.minio.GetBucketPolicyArgs;
import io.minio.GetBucketTagsArgs;
import io.minio.SetBucketLifecycleArgs;
import io.minio.SetBucketPolicyArgs;
import io.minio.SetBucketTagsArgs;
import io.minio.Xml;
import io.minio.messages.LifecycleConfiguration;
import io.minio.messages.Tags;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bucket settings a backup keeps: policy (JSON), lifecycle (XML) and tags. Each is saved, known
 * to be absent, or not saved because the server does not implement it (S3Proxy answers
 * {@code NotImplemented} for lifecycle and tags); the archive records which.
 *
 * @param bucket the bucket they were read from
 * @param settings {@code policy}, {@code lifecycle}, {@code tags} → what was found
 */
record BucketSettings(String bucket, Map<String, Setting> settings) {

    static final String SAVED = "saved";
    static final String ABSENT = "absent";
    static final String NOT_SAVED = "not-saved";

    /** S3 error codes that mean "the bucket has none". */
    private static final Set<String> NONE_CODES = Set.of("NoSuchBucketPolicy", "NoSuchPolicy",
            "NoSuchLifecycleConfiguration", "NoSuchTagSet", "NoSuchTagSetError");

    /**
     * @param state {@link #SAVED}, {@link #ABSENT} or {@link #NOT_SAVED}
     * @param value the setting's text when saved
     * @param reason why it was not saved
     */
    record Setting(String state, String value, String reason) {
    }

    /** Reads every setting; a server that does not implement one is recorded, any other failure throws. */
    static BucketSettings read(MinioEndpoint endpoint, String bucket) throws IOException {
        Map<String, Setting> settings = new LinkedHashMap<>();
        settings.put("policy", read(endpoint, bucket, "policy", () -> endpoint.client().getBucketPolicy(
                GetBucketPolicyArgs.builder().bucket(bucket).build())));
        settings.put("lifecycle", read(endpoint, bucket, "lifecycle", () -> {
            LifecycleConfiguration lifecycle = endpoint.client().getBucketLifecycle(GetBucketLifecycleArgs.builder().bucket(bucket).build());
            return lifecycle == null ? null : Xml.marshal(lifecycle);
        }));
        settings.put("tags", read(endpoint, bucket, "tags", () -> {
            Tags tags = endpoint.client().getBucketTags(GetBucketTagsArgs.builder().bucket(bucket).build());
            return tags == null || tags.get().isEmpty() ? null : BucketArchive.JSON.writeValueAsString(tags.get());
        }));
        return new BucketSettings(bucket, settings);
    }

    private static Setting read(MinioEndpoint endpoint, String bucket, String name, MinioEndpoint.S3Call<String> call)
            throws IOException {
        try {
            String value = call.run();
            return value == null || value.isBlank() ? new Setting(ABSENT, null, null) : new Setting(SAVED, value, null);
        } catch (Exception e) {
            String code = S3Errors.code(e);
            if (code != null && NONE_CODES.contains(code)) {
                return new Setting(ABSENT, null, null);
            }
            if (S3Errors.NOT_IMPLEMENTED.equals(code)) {
                return new Setting(NOT_SAVED, null, "the server does not implement it (" + S3Errors.reason(e) + ")");
            }
            throw endpoint.failure("bucket '" + bucket + "': read " + name, e);
        }
    }

    /** For the manifest: {@code bucket 'b': lifecycle not saved: …}, one line per setting not saved. */
    List<String> notSaved() {
        List<String> lines = new ArrayList<>();
        settings.forEach((name, setting) -> {
            if (NOT_SAVED.equals(setting.state())) {
                lines.add("bucket '" + bucket + "': " + name + " not saved: " + setting.reason());
            }
        });
        return lines;
    }

    /**
     * Gives {@code target} the saved settings and removes those recorded as absent; a setting not
     * saved at backup is left as the target has it. Removing from a server that does not implement
     * the setting is no failure: it has none.
     */
    void applyTo(MinioEndpoint endpoint, String target) throws IOException {
        for (Map.Entry<String, Setting> entry : settings.entrySet()) {
            Setting setting = entry.getValue();
            if (NOT_SAVED.equals(setting.state())) {
                continue;
            }
            boolean saved = SAVED.equals(setting.state());
            String what = "bucket '" + target + "': " + (saved ? "set " : "remove ") + entry.getKey();
            if (!Set.of("policy", "lifecycle", "tags").contains(entry.getKey())) {
                throw new IOException("unknown bucket setting '" + entry.getKey()
                        + "' in the archive of bucket '" + bucket + "'");
            }
            try {
                switch (entry.getKey()) {
                    case "policy" -> {
                        if (saved) {
                            endpoint.client().setBucketPolicy(SetBucketPolicyArgs.builder().bucket(target).config(setting.value()).build());
                        } else {
                            endpoint.client().deleteBucketPolicy(DeleteBucketPolicyArgs.builder().bucket(target).build());
                        }
                    }
                    case "lifecycle" -> {
                        if (saved) {
                            endpoint.client().setBucketLifecycle(SetBucketLifecycleArgs.builder().bucket(target)
                                    .config(Xml.unmarshal(LifecycleConfiguration.class, setting.value())).build());
                        } else {
                            endpoint.client().deleteBucketLifecycle(DeleteBucketLifecycleArgs.builder().bucket(target).build());
                        }
                    }
                    case "tags" -> {
                        if (saved) {
                            @SuppressWarnings("unchecked")
                            Map<String, String> tags = BucketArchive.JSON.readValue(setting.value(), Map.class);
                            endpoint.client().setBucketTags(SetBucketTagsArgs.builder().bucket(target).tags(tags).build());
                        } else {
                            endpoint.client().deleteBucketTags(DeleteBucketTagsArgs.builder().bucket(target).build());
                        }
                    }
                    default -> throw new IllegalStateException("checked above: " + entry.getKey());
                }
            } catch (Exception e) {
                String code = S3Errors.code(e);
                if (!saved && (S3Errors.NOT_IMPLEMENTED.equals(code) || (code != null && NONE_CODES.contains(code)))) {
                    continue; // nothing to remove: the target has none, or cannot have one
                }
                throw endpoint.failure(what, e);
            }
        }
    }

    /** Reads {@link #settings()} back from the JSON object a backup wrote it as. */
    static BucketSettings fromJson(String bucket, com.fasterxml.jackson.databind.JsonNode node) throws IOException {
        Map<String, Setting> values = new LinkedHashMap<>();
        for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> setting : node.properties()) {
            values.put(setting.getKey(), BucketArchive.JSON.treeToValue(setting.getValue(), Setting.class));
        }
        return new BucketSettings(bucket, values);
    }
}
