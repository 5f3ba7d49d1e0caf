package dev.corebank.ledger;

import java.util.ArrayList;
import java.util.List;

/** Converts between flag bits and their names; bit i has the name at index i. */
final class FlagNames {
    private FlagNames() {
    }

    static List<String> names(int flags, String[] names) {
        List<String> result = new ArrayList<>(names.length);
        for (int bit = 0; bit < names.length; bit++) {
            if ((flags & (1 << bit)) != 0) {
                result.add(names[bit]);
            }
        }
        return result;
    }

    static int parse(List<String> given, String[] names, String what) {
        int flags = 0;
        for (String name : given) {
            int bit = indexOf(names, name);
            if (bit < 0) {
                throw new IllegalArgumentException("unknown " + what + " name=" + name + " known=" + List.of(names));
            }
            flags |= 1 << bit;
        }
        return flags;
    }

    private static int indexOf(String[] names, String name) {
        for (int index = 0; index < names.length; index++) {
            if (names[index].equals(name)) {
                return index;
            }
        }
        return -1;
    }
}
