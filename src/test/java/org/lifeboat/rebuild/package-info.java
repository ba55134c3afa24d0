/** Tests of the post-restore steps against real servers. */
package org.lifeboat.rebuild;
