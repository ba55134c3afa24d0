/**
 * Configuration: the {@code @ConfigMapping} interfaces and the one loader that reads them from the
 * YAML file and environment. The only package that reads configuration.
 */
package org.lifeboat.config;
