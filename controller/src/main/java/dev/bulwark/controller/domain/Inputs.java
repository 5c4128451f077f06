package dev.bulwark.controller.domain;

import dev.bulwark.controller.api.ApiException;
import java.util.List;

/**
 * What a caller sends, made safe to use: a field left out keeps its value, a list left out is empty, and a null in
 * a list is refused.
 */
public final class Inputs {

    private Inputs() {}

    /** A field a change left out (null) keeps its current value. */
    public static <T> T or(T value, T current) {
        return value == null ? current : value;
    }

    /** The list, or an empty one when it was left out; 400 naming the field when an element is null. */
    public static <T> List<T> list(List<T> given, String field) {
        if (given == null) {
            return List.of();
        }
        for (T element : given) {
            if (element == null) {
                throw ApiException.badRequest("'%s' holds a null".formatted(field));
            }
        }
        return given;
    }
}
