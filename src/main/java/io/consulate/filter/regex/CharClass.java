// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter.regex;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A set of characters: the union of its items, complemented when {@code negated}. Matching is a membership test
 * at run time instead of Go's precomputed range tables; under case folding a character is a member when any of
 * its case variants is, and a negated item or class is folded before it is complemented, as Go does.
 */
record CharClass(List<Item> items, boolean negated) {

    CharClass {
        items = List.copyOf(items);
    }

    /** Whether {@code c} is in the class; {@code fold} is the {@code i} flag in force where the class appeared. */
    boolean contains(int c, boolean fold) {
        boolean hit = false;
        for (Item item : items) {
            if (item.matches(c, fold)) {
                hit = true;
                break;
            }
        }
        return hit != negated;
    }

    /** One member of a class. */
    sealed interface Item {

        /** Membership ignoring case. */
        boolean test(int c);

        /** Membership with optional case folding. */
        default boolean matches(int c, boolean fold) {
            return test(c) || (fold && CaseFolding.anyVariant(c, this::test));
        }
    }

    /** An inclusive code point range. */
    record Range(int lo, int hi) implements Item {
        @Override
        public boolean test(int c) {
            return c >= lo && c <= hi;
        }
    }

    /** Unicode general categories, as {@link Character#getType(int)} values. */
    record Category(Set<Integer> types) implements Item {
        @Override
        public boolean test(int c) {
            return types.contains(Character.getType(c));
        }
    }

    /** A Unicode script such as Greek or Han. */
    record Script(Character.UnicodeScript script) implements Item {
        @Override
        public boolean test(int c) {
            return Character.UnicodeScript.of(c) == script;
        }
    }

    /** Several items as one (a Perl or POSIX class). */
    record Union(List<Item> members) implements Item {
        @Override
        public boolean test(int c) {
            return matches(c, false);
        }

        @Override
        public boolean matches(int c, boolean fold) {
            for (Item m : members) {
                if (m.matches(c, fold)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The complement of an item ({@code \D}, {@code \PL}, {@code [:^alpha:]}). */
    record Negated(Item inner) implements Item {
        @Override
        public boolean test(int c) {
            return !inner.test(c);
        }

        @Override
        public boolean matches(int c, boolean fold) {
            return !inner.matches(c, fold);
        }
    }

    static Item range(int lo, int hi) {
        return new Range(lo, hi);
    }

    static Item union(Item... members) {
        return new Union(List.of(members));
    }

    /** Go's Perl classes are ASCII-only: {@code \d}, {@code \s} (no vertical tab), {@code \w}. */
    static Item perl(char letter) {
        Item base = switch (Character.toLowerCase(letter)) {
            case 'd' -> range('0', '9');
            case 's' -> union(range('\t', '\n'), range('\f', '\r'), range(' ', ' '));
            case 'w' -> WORD;
            default -> throw new IllegalArgumentException("not a Perl class: " + letter);
        };
        return Character.isUpperCase(letter) ? new Negated(base) : base;
    }

    private static final Item WORD = union(range('0', '9'), range('A', 'Z'), range('_', '_'), range('a', 'z'));

    private static final Map<String, Item> POSIX = Map.ofEntries(
            Map.entry("alnum", union(range('0', '9'), range('A', 'Z'), range('a', 'z'))),
            Map.entry("alpha", union(range('A', 'Z'), range('a', 'z'))),
            Map.entry("ascii", range(0, 0x7F)),
            Map.entry("blank", union(range('\t', '\t'), range(' ', ' '))),
            Map.entry("cntrl", union(range(0, 0x1F), range(0x7F, 0x7F))),
            Map.entry("digit", range('0', '9')),
            Map.entry("graph", range('!', '~')),
            Map.entry("lower", range('a', 'z')),
            Map.entry("print", range(' ', '~')),
            Map.entry("punct", union(range('!', '/'), range(':', '@'), range('[', '`'), range('{', '~'))),
            Map.entry("space", union(range('\t', '\r'), range(' ', ' '))),
            Map.entry("upper", range('A', 'Z')),
            Map.entry("word", WORD),
            Map.entry("xdigit", union(range('0', '9'), range('A', 'F'), range('a', 'f'))));

    /** A POSIX class by name ({@code alpha}, or {@code ^alpha} for its complement), or null if unknown. */
    static Item posix(String name) {
        boolean negate = name.startsWith("^");
        Item item = POSIX.get(negate ? name.substring(1) : name);
        return item == null || !negate ? item : new Negated(item);
    }

    private static final Map<String, Set<Integer>> CATEGORIES = categories();

    private static Map<String, Set<Integer>> categories() {
        Map<String, Integer> two = Map.ofEntries(
                Map.entry("Lu", (int) Character.UPPERCASE_LETTER), Map.entry("Ll", (int) Character.LOWERCASE_LETTER),
                Map.entry("Lt", (int) Character.TITLECASE_LETTER), Map.entry("Lm", (int) Character.MODIFIER_LETTER),
                Map.entry("Lo", (int) Character.OTHER_LETTER), Map.entry("Mn", (int) Character.NON_SPACING_MARK),
                Map.entry("Mc", (int) Character.COMBINING_SPACING_MARK),
                Map.entry("Me", (int) Character.ENCLOSING_MARK), Map.entry("Nd", (int) Character.DECIMAL_DIGIT_NUMBER),
                Map.entry("Nl", (int) Character.LETTER_NUMBER), Map.entry("No", (int) Character.OTHER_NUMBER),
                Map.entry("Pc", (int) Character.CONNECTOR_PUNCTUATION),
                Map.entry("Pd", (int) Character.DASH_PUNCTUATION), Map.entry("Ps", (int) Character.START_PUNCTUATION),
                Map.entry("Pe", (int) Character.END_PUNCTUATION),
                Map.entry("Pi", (int) Character.INITIAL_QUOTE_PUNCTUATION),
                Map.entry("Pf", (int) Character.FINAL_QUOTE_PUNCTUATION),
                Map.entry("Po", (int) Character.OTHER_PUNCTUATION), Map.entry("Sm", (int) Character.MATH_SYMBOL),
                Map.entry("Sc", (int) Character.CURRENCY_SYMBOL), Map.entry("Sk", (int) Character.MODIFIER_SYMBOL),
                Map.entry("So", (int) Character.OTHER_SYMBOL), Map.entry("Zs", (int) Character.SPACE_SEPARATOR),
                Map.entry("Zl", (int) Character.LINE_SEPARATOR), Map.entry("Zp", (int) Character.PARAGRAPH_SEPARATOR),
                Map.entry("Cc", (int) Character.CONTROL), Map.entry("Cf", (int) Character.FORMAT),
                Map.entry("Cs", (int) Character.SURROGATE), Map.entry("Co", (int) Character.PRIVATE_USE));
        var all = new java.util.HashMap<String, Set<Integer>>();
        two.forEach((name, type) -> all.put(name, Set.of(type)));
        for (String major : List.of("L", "M", "N", "P", "S", "Z", "C")) {
            var members = new java.util.HashSet<Integer>();
            two.forEach((name, type) -> {
                if (name.startsWith(major)) {
                    members.add(type);
                }
            });
            all.put(major, Set.copyOf(members));
        }
        return Map.copyOf(all);
    }

    /**
     * A Unicode class by Go name: {@code Any}, a general category ({@code L}, {@code Lu}) or a script
     * ({@code Greek}, {@code Old_Italic}); null if Go would not know it. Script names are compared without
     * regard to case after a mandatory capital first letter, because Java and Go spell a few differently.
     */
    static Item unicode(String name) {
        if (name.equals("Any")) {
            return range(0, Character.MAX_CODE_POINT);
        }
        Set<Integer> types = CATEGORIES.get(name);
        if (types != null) {
            return new Category(types);
        }
        if (name.isEmpty() || !Character.isUpperCase(name.charAt(0))) {
            return null;
        }
        try {
            var script = Character.UnicodeScript.valueOf(name.toUpperCase(Locale.ROOT));
            return script == Character.UnicodeScript.UNKNOWN ? null : new Script(script);
        } catch (IllegalArgumentException notAScript) {
            return null;
        }
    }
}
