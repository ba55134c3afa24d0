/** Tests of the run lock: on a real OpenSSH backup server, and this host's lock file. */
package org.lifeboat.run.lock;
