/** Tests of {@code org.lifeboat.config}. */
package org.lifeboat.config;
