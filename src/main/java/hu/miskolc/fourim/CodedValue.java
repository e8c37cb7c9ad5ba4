package hu.miskolc.fourim;

import java.util.Arrays;
import java.util.Optional;

/** An enum constant stored and exchanged by a stable string code (in tables, process variables and forms). */
public interface CodedValue {

    String code();

    /** The constant of {@code type} with this code, if any. */
    static <E extends Enum<E> & CodedValue> Optional<E> fromCode(Class<E> type, String code) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.code().equals(code)).findFirst();
    }
}
