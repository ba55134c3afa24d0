/** Tests of {@code org.lifeboat.retention}. */
package org.lifeboat.retention;
