/**
 * The verbs: backup, restore, list, verify, prune, precheck. Orchestration only: datastores make
 * and take bytes, the repository lays sets out on a store, the pipeline encodes them; these
 * classes put them together in order and report.
 */
package org.lifeboat.run;
