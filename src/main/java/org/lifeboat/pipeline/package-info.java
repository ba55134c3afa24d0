/**
 * What happens to artifact bytes between a datastore and a store: zstd compression, age
 * encryption and SHA-256 digests with counts, taken before and after in the same single pass.
 * Encoding runs compression and encryption on two threads with a small bounded hand-off.
 * {@link org.lifeboat.pipeline.PipelineBenchmark} times both ends at once on generated records.
 */
package org.lifeboat.pipeline;
