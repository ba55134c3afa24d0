/**
 * The verbs: backup, restore, list, verify, prune, precheck. Orchestration only: datastores make
 * and take bytes, stores keep them, the pipeline encodes them; these classes put them together.
 */
package org.lifeboat.run;
