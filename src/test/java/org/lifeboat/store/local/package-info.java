/** Tests of {@code org.lifeboat.store.local}. */
package org.lifeboat.store.local;
