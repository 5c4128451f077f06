package dev.bulwark.controller.policy;

import dev.bulwark.controller.api.ApiException;
import java.util.List;

/** Where NeuVector's {@code after} puts rules in an ordered list: after that id; first for none or 0; last for -1. */
final class InsertPosition {

    private InsertPosition() {}

    static int of(List<Integer> ids, Integer after) {
        if (after == null || after == 0) {
            return 0;
        }
        if (after == -1) {
            return ids.size();
        }
        int i = ids.indexOf(after);
        if (i < 0) {
            throw ApiException.notFound("Rule " + after);
        }
        return i + 1;
    }
}
