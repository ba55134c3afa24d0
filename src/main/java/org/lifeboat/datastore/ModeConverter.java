package org.lifeboat.datastore;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads a datastore's configured {@code mode} by its exact lower-case name. SmallRye Config's own
 * enum converter would also take other spellings and name the Java class in its error; this one
 * says which modes there are ("must be 'clone' or 'rsync', not 'incremental'").
 *
 * @param <E> the family's mode enum, whose constant names are the configured names
 */
public abstract class ModeConverter<E extends Enum<E>> implements Converter<E> {

    private final Class<E> modes;

    protected ModeConverter(Class<E> modes) {
        this.modes = modes;
    }

    @Override
    public E convert(String value) {
        for (E mode : modes.getEnumConstants()) {
            if (mode.name().equals(value.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("must be " + Arrays.stream(modes.getEnumConstants())
                .map(m -> "'" + m.name() + "'").collect(Collectors.joining(" or ")) + ", not '" + value + "'");
    }
}
