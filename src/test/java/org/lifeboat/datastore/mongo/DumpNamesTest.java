package org.lifeboat.datastore.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * File names as mongodump makes them (Go's {@code url.PathEscape}, then its cut of long names, here
 * from 211 bytes rather than 238 so that the store's names fit);
 * the expected values were computed with Python's {@code urllib.parse.quote(name, safe='')} and
 * {@code hashlib.sha1}, not with this code.
 */
class DumpNamesTest {

    @Test
    void unsafeBytesArePercentEscapedAsMongodumpDoes() {
        assertEquals("people", DumpNames.fileStem("people"));
        assertEquals("odd%2Fname%20with%20space", DumpNames.fileStem("odd/name with space"));
        assertEquals("k:v=1+2~x@a&b$c.d-e_f", DumpNames.fileStem("k:v=1+2~x@a&b$c.d-e_f"), "what url.PathEscape leaves alone");
        assertEquals("a%2Cb%3Bc%3Fd%2Ae%25f%22g%5Ch%0Ai", DumpNames.fileStem("a,b;c?d*e%f\"g\\h\ni"));
        assertEquals("na%C3%AFve", DumpNames.fileStem("na\u00efve"));
        assertEquals("civil/odd%2Fname%20with%20space.bson", DumpNames.bsonFile("civil", "odd/name with space"));
        assertEquals("civil/people.metadata.json", DumpNames.metadataFile("civil", "people"));
    }

    @Test
    void aLongEscapedNameIsCutAndHashedAsMongodumpDoes() {
        String stem = DumpNames.fileStem("\u00e9".repeat(100));
        assertEquals("%C3%A9".repeat(30) + "%" + "%24" + "02mW-EhxMxXsZ8vh0-6fogZ0Bd4", stem);
        assertEquals(211, stem.length());
        assertTrue(("." + stem + DumpNames.METADATA_SUFFIX + ".zst.age" + ".tmp-0123456789abcdef").length() <= 255,
                "the stored file name, and its temporary name while it is written, fit a file system");
        assertEquals("a".repeat(211), DumpNames.fileStem("a".repeat(211)), "211 escaped bytes stay whole");
        assertEquals(211, DumpNames.fileStem("a".repeat(212)).length(), "212 are cut");
    }

    @Test
    void theEarlierTarFormatKeepsItsOwnNames() {
        assertEquals("civil/k%3Av%3D1.bson", DumpNames.bsonEntry("civil", "k:v=1"));
        assertEquals("my%20db.tar", DumpNames.archiveFile("my db"));
    }
}
