package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageStringCodingException;
import org.msgpack.core.MessageUnpacker;

/**
 * Reads the MessagePack answer of {@code /query} (one map per chunk: results → series → name,
 * tags, columns, values) row by row as it arrives, so that memory holds one row whatever the
 * answer's size. Values keep what InfluxDB sent: MessagePack's signed integers become
 * {@code Long}, its unsigned ones {@code BigInteger} (InfluxDB writes an int64 field with the
 * signed formats and a uint64 one with the unsigned formats; a value from 0 to 127 is a
 * positive fixint in both, see {@link FieldTypes}), float64 {@code Double}; a time extension
 * becomes exact nanoseconds. The InfluxDB Java client is not used for reading: it turns a time
 * before 1677-09-21T00:12:44Z into a saturated, wrong value, and its chunked queries cannot ask
 * for {@code epoch=ns}. Strings that are not UTF-8 fail the read rather than being altered.
 */
final class MessagePackAnswer {

    /** Receives each row with its series (whose {@code values} are empty); may throw to stop the read. */
    @FunctionalInterface
    interface RowConsumer {
        void row(InfluxSeries series, List<Object> row) throws IOException;
    }

    private static final byte TIME_EXTENSION = 5;
    private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);
    private static final MessagePack.UnpackerConfig CONFIG = new MessagePack.UnpackerConfig()
            .withActionOnMalformedString(CodingErrorAction.REPORT).withActionOnUnmappableString(CodingErrorAction.REPORT);

    private MessagePackAnswer() {
    }

    /**
     * Reads the whole answer from {@code in} (not closed here) and hands every row to
     * {@code rows}. An error in the answer throws with the server's own message.
     */
    static void read(InputStream in, RowConsumer rows) throws IOException {
        try {
            MessageUnpacker unpacker = CONFIG.newUnpacker(in);
            while (unpacker.hasNext()) {
                int keys = unpacker.unpackMapHeader();
                for (int k = 0; k < keys; k++) {
                    switch (unpacker.unpackString()) {
                        case "results" -> {
                            int results = unpacker.unpackArrayHeader();
                            for (int r = 0; r < results; r++) {
                                result(unpacker, rows);
                            }
                        }
                        case "error" -> throw new IOException(unpacker.unpackString());
                        default -> unpacker.skipValue();
                    }
                }
            }
        } catch (MessageStringCodingException e) {
            throw new IOException("a name or string in the answer is not UTF-8 (InfluxDB keeps any bytes; Lifeboat would have to"
                    + " alter them): " + e.getMessage(), e);
        } catch (MessagePackException e) {
            throw new IOException("unreadable answer: " + e.getMessage(), e);
        }
    }

    private static void result(MessageUnpacker unpacker, RowConsumer rows) throws IOException {
        int keys = unpacker.unpackMapHeader();
        for (int k = 0; k < keys; k++) {
            switch (unpacker.unpackString()) {
                case "series" -> {
                    int series = unpacker.unpackArrayHeader();
                    for (int s = 0; s < series; s++) {
                        series(unpacker, rows);
                    }
                }
                case "error" -> throw new IOException(unpacker.unpackString());
                default -> unpacker.skipValue();
            }
        }
    }

    /** One series: its name, tags and columns come before its values (as InfluxDB writes them). */
    private static void series(MessageUnpacker unpacker, RowConsumer rows) throws IOException {
        String name = null;
        Map<String, String> tags = new LinkedHashMap<>();
        List<String> columns = new ArrayList<>();
        boolean valuesSeen = false;
        int keys = unpacker.unpackMapHeader();
        for (int k = 0; k < keys; k++) {
            String key = unpacker.unpackString();
            if (valuesSeen && !key.equals("partial")) {
                throw new IOException("unexpected answer: '" + key + "' after the values of series '" + name + "'");
            }
            switch (key) {
                case "name" -> name = unpacker.unpackString();
                case "tags" -> {
                    int count = unpacker.unpackMapHeader();
                    for (int t = 0; t < count; t++) {
                        tags.put(unpacker.unpackString(), unpacker.unpackString());
                    }
                }
                case "columns" -> {
                    int count = unpacker.unpackArrayHeader();
                    for (int c = 0; c < count; c++) {
                        columns.add(unpacker.unpackString());
                    }
                }
                case "values" -> {
                    valuesSeen = true;
                    InfluxSeries header = new InfluxSeries(name, Map.copyOf(tags), List.copyOf(columns), List.of());
                    int count = unpacker.unpackArrayHeader();
                    for (int r = 0; r < count; r++) {
                        int width = unpacker.unpackArrayHeader();
                        List<Object> row = new ArrayList<>(width);
                        for (int c = 0; c < width; c++) {
                            row.add(value(unpacker));
                        }
                        rows.row(header, row);
                    }
                }
                default -> unpacker.skipValue();
            }
        }
    }

    /** One value, exactly. */
    static Object value(MessageUnpacker unpacker) throws IOException {
        MessageFormat format = unpacker.getNextFormat();
        switch (format.getValueType()) {
            case NIL:
                unpacker.unpackNil();
                return null;
            case BOOLEAN:
                return unpacker.unpackBoolean();
            case INTEGER:
                return switch (format) {
                    case UINT8, UINT16, UINT32, UINT64 -> unpacker.unpackBigInteger();
                    default -> unpacker.unpackLong();
                };
            case FLOAT:
                return unpacker.unpackDouble();
            case STRING:
                return unpacker.unpackString();
            case EXTENSION:
                return time(unpacker);
            default:
                throw new IOException("unexpected " + format + " value in the answer");
        }
    }

    /** MessagePack's time extension (int64 seconds, int32 nanoseconds) as exact nanoseconds since 1970. */
    private static long time(MessageUnpacker unpacker) throws IOException {
        ExtensionTypeHeader header = unpacker.unpackExtensionTypeHeader();
        byte[] payload = unpacker.readPayload(header.getLength());
        if (header.getType() != TIME_EXTENSION || payload.length != 12) {
            throw new IOException("unexpected extension type " + header.getType() + " in the answer");
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        BigInteger nanos = BigInteger.valueOf(buffer.getLong()).multiply(BILLION).add(BigInteger.valueOf(buffer.getInt()));
        try {
            return nanos.longValueExact();
        } catch (ArithmeticException e) {
            throw new IOException("time " + nanos + " ns is outside what InfluxDB stores", e);
        }
    }
}
