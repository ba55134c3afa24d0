/**
 * Telling people: a JSON webhook on failure (and on success if asked), retried with backoff; a
 * dead man's switch pinged at start, success and failure; the "no complete set since" alert. Sent by
 * one-shot commands and by {@code serve} alike; a notification that cannot be sent is logged and
 * never changes a run's outcome.
 */
package org.lifeboat.serve.alert;
