/**
 * Wiring: one configured appliance ({@link org.lifeboat.app.Appliance}) with its role, its store
 * and its datastores, built from the configuration through the datastore families.
 */
package org.lifeboat.app;
