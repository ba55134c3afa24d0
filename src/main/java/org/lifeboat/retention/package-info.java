/**
 * Retention as a pure function: given the sets and the time, which to keep and why. No I/O.
 */
package org.lifeboat.retention;
