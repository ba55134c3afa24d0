/** Tests of running external tools: time limits and the killing of what a hung tool started. */
package org.lifeboat.process;
