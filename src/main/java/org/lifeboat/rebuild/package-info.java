/**
 * Post-restore steps: what the restore drill runs after the datastores are restored and checked,
 * such as rebuilding Elasticsearch. A {@link org.lifeboat.rebuild.RestoreStep} does one job and
 * returns a {@link org.lifeboat.rebuild.StepResult} (most through {@link org.lifeboat.rebuild.NamedStep},
 * which holds the name and times the result); {@link org.lifeboat.rebuild.StepRunner} runs a
 * list of them and turns failures into results. {@link org.lifeboat.rebuild.JsonHttpClient} (timeouts,
 * headers from secret files) and {@link org.lifeboat.rebuild.SecretFiles} serve every step that
 * calls an HTTP service. The Elasticsearch steps are in {@code rebuild/elasticsearch}.
 */
package org.lifeboat.rebuild;
