/** Tests of {@code org.lifeboat.run}. */
package org.lifeboat.run;
