/**
 * Configuration: the root {@code @ConfigMapping} ({@link org.lifeboat.config.LifeboatConfig}: store,
 * roles, retention), the list of datastore kinds ({@link org.lifeboat.config.DatastoreKinds}, whose
 * own mappings live in their family packages), the cross-setting rules, and the one loader that
 * reads them from the YAML file and the environment. The only package that reads configuration.
 */
package org.lifeboat.config;
