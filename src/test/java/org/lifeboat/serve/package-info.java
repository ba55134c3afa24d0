/** Tests of serve's schedules and readiness rules. */
package org.lifeboat.serve;
