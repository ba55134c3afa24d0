/** Tests of {@code org.lifeboat.keys}. */
package org.lifeboat.keys;
