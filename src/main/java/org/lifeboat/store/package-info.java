/**
 * Where backup bytes go: the {@link org.lifeboat.store.BackupStore} interface, with one
 * subpackage per technology. A store never knows what the bytes are.
 */
package org.lifeboat.store;
