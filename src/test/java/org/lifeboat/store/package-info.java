/** Tests of {@code org.lifeboat.store}. */
package org.lifeboat.store;
