/**
 * Key material for Lifeboat: age recipients (production, public only), age identities (staging,
 * secret; and production's state identity, which reads only its own MinIO indexes), SSH and age key
 * generation, and the owner-only permission rule for secret files.
 * Nothing in this package ever puts a secret into a message, log line or {@code toString()}.
 */
package org.lifeboat.keys;
