/**
 * The manifest: what a set holds (artifacts, digests, counts, versions, timings) and its JSON form.
 * {@link org.lifeboat.manifest.ManifestJson} is the only class that reads or writes it.
 */
package org.lifeboat.manifest;
