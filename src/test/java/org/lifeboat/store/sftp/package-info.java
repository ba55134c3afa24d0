/** Tests of {@code org.lifeboat.store.sftp}. */
package org.lifeboat.store.sftp;
