/** Tests of the run lock on a real OpenSSH backup server. */
package org.lifeboat.run.lock;
