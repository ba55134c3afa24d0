/** Tests of {@code org.lifeboat.pipeline}. */
package org.lifeboat.pipeline;
