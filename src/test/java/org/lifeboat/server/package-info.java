/** Tests of the server role (seal, prune) and of the backup server the playbook makes. */
package org.lifeboat.server;
