// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter.regex;

import static io.consulate.filter.regex.GoRegexSyntaxException.DUPLICATE_NAME;
import static io.consulate.filter.regex.GoRegexSyntaxException.INVALID_NAMED_CAPTURE;
import static io.consulate.filter.regex.GoRegexSyntaxException.INVALID_PERL_OP;
import static io.consulate.filter.regex.GoRegexSyntaxException.INVALID_REPEAT_OP;
import static io.consulate.filter.regex.GoRegexSyntaxException.INVALID_REPEAT_SIZE;
import static io.consulate.filter.regex.GoRegexSyntaxException.MISSING_PAREN;
import static io.consulate.filter.regex.GoRegexSyntaxException.MISSING_REPEAT_ARGUMENT;
import static io.consulate.filter.regex.GoRegexSyntaxException.NESTING_DEPTH;
import static io.consulate.filter.regex.GoRegexSyntaxException.TRAILING_BACKSLASH;
import static io.consulate.filter.regex.GoRegexSyntaxException.UNEXPECTED_PAREN;

import io.consulate.filter.regex.RegexNode.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses Go's regular-expression syntax (RE2, with Go's {@code Perl} flags: {@code ^ $} anchor the whole text
 * unless {@code (?m)}, negated classes match newline, {@code \d \s \w \b} are ASCII) into a {@link RegexNode}
 * tree, rejecting exactly what Go rejects: backreferences, lookaround, possessive or stacked repetition
 * ({@code a**}), repeat counts over 1000, unknown escapes and flags.
 *
 * <p>Groups nest at most {@link #MAX_NESTING} deep (Go allows 1000), which keeps the recursive descent well
 * inside any thread's stack.
 */
final class RegexParser {

    static final int MAX_NESTING = 100;
    private static final int MAX_REPEAT = 1000;

    /** The flags in force: {@code i}, {@code m} and {@code s}; Go's {@code U} only changes greediness. */
    record Flags(boolean foldCase, boolean multiLine, boolean dotAll) {}

    /** A parsed repetition operator; {@code counted} for the {@code {n,m}} form. */
    private record RepeatOp(int min, int max, boolean counted) {}

    final String src;
    int pos;
    private Flags flags = new Flags(false, false, false);
    private int depth;
    private final Set<String> names = new HashSet<>();

    private RegexParser(String src) {
        this.src = src;
    }

    /** Parses a whole pattern. */
    static RegexNode parse(String pattern) throws GoRegexSyntaxException {
        RegexParser p = new RegexParser(pattern);
        RegexNode root = p.alternation();
        if (p.pos < pattern.length()) {
            throw new GoRegexSyntaxException(UNEXPECTED_PAREN, pattern);
        }
        return root;
    }

    boolean foldCase() {
        return flags.foldCase();
    }

    private RegexNode alternation() throws GoRegexSyntaxException {
        List<RegexNode> options = new ArrayList<>();
        List<RegexNode> items = new ArrayList<>();
        int lastRepeatStart = -1;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ')') {
                break;
            }
            if (c == '|') {
                pos++;
                options.add(concat(items));
                items = new ArrayList<>();
                lastRepeatStart = -1;
                continue;
            }
            int opStart = pos;
            RepeatOp op = repeatOperator();
            if (op == null) {
                lastRepeatStart = -1;
                atom(items);
                continue;
            }
            if (lastRepeatStart >= 0) {
                throw new GoRegexSyntaxException(INVALID_REPEAT_OP, src.substring(lastRepeatStart, pos));
            }
            if (items.isEmpty()) {
                throw new GoRegexSyntaxException(MISSING_REPEAT_ARGUMENT, src.substring(opStart, pos));
            }
            RegexNode repeated = new RegexNode.Repeat(items.get(items.size() - 1), op.min(), op.max());
            if (op.counted() && (op.min() >= 2 || op.max() >= 2) && !repeatIsValid(repeated, MAX_REPEAT)) {
                throw new GoRegexSyntaxException(INVALID_REPEAT_SIZE, src.substring(opStart, pos));
            }
            items.set(items.size() - 1, repeated);
            lastRepeatStart = opStart;
        }
        options.add(concat(items));
        return options.size() == 1 ? options.get(0) : new RegexNode.Alternate(options);
    }

    private static RegexNode concat(List<RegexNode> items) {
        return switch (items.size()) {
            case 0 -> new RegexNode.Empty();
            case 1 -> items.get(0);
            default -> new RegexNode.Concat(items);
        };
    }

    /** Go caps the product of nested counted repetitions at 1000 ({@code (a{100}){100}} is rejected). */
    private static boolean repeatIsValid(RegexNode node, int budget) {
        return switch (node) {
            case RegexNode.Repeat r -> {
                int m = r.max() == RegexNode.Repeat.UNBOUNDED ? r.min() : r.max();
                if (m > budget) {
                    yield false;
                }
                yield repeatIsValid(r.body(), m > 0 ? budget / m : budget);
            }
            case RegexNode.Concat c -> c.items().stream().allMatch(n -> repeatIsValid(n, budget));
            case RegexNode.Alternate a -> a.options().stream().allMatch(n -> repeatIsValid(n, budget));
            default -> true;
        };
    }

    /** Reads {@code * + ?} or a valid {@code {n,m}} plus an optional lazy {@code ?}; null (nothing read) if none. */
    private RepeatOp repeatOperator() throws GoRegexSyntaxException {
        int start = pos;
        RepeatOp op;
        switch (src.charAt(pos)) {
            case '*' -> op = new RepeatOp(0, RegexNode.Repeat.UNBOUNDED, false);
            case '+' -> op = new RepeatOp(1, RegexNode.Repeat.UNBOUNDED, false);
            case '?' -> op = new RepeatOp(0, 1, false);
            case '{' -> {
                op = countedRepeat();
                if (op == null) {
                    return null; // not a repeat: '{' is a literal
                }
            }
            default -> {
                return null;
            }
        }
        if (!op.counted()) {
            pos++;
        }
        if (op.counted() && (op.min() < 0 || op.min() > MAX_REPEAT || op.max() > MAX_REPEAT
                || (op.max() >= 0 && op.min() > op.max()))) {
            throw new GoRegexSyntaxException(INVALID_REPEAT_SIZE, src.substring(start, pos));
        }
        if (pos < src.length() && src.charAt(pos) == '?') {
            pos++; // non-greedy: irrelevant to whether a match exists
        }
        return op;
    }

    /** Parses {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code pos}; null if it is not one. */
    private RepeatOp countedRepeat() {
        int p = pos + 1;
        int minEnd = digitsEnd(p);
        if (minEnd < 0) {
            return null;
        }
        int min = number(p, minEnd);
        int max = min;
        p = minEnd;
        if (p < src.length() && src.charAt(p) == ',') {
            p++;
            if (p < src.length() && src.charAt(p) == '}') {
                max = RegexNode.Repeat.UNBOUNDED;
            } else {
                int maxEnd = digitsEnd(p);
                if (maxEnd < 0) {
                    return null;
                }
                max = number(p, maxEnd);
                p = maxEnd;
            }
        }
        if (p >= src.length() || src.charAt(p) != '}') {
            return null;
        }
        pos = p + 1;
        return new RepeatOp(min, max, true);
    }

    /** End of a run of decimal digits at {@code p} without a leading zero, or -1. */
    private int digitsEnd(int p) {
        int q = p;
        while (q < src.length() && src.charAt(q) >= '0' && src.charAt(q) <= '9') {
            q++;
        }
        if (q == p || (q - p >= 2 && src.charAt(p) == '0')) {
            return -1;
        }
        return q;
    }

    private int number(int from, int to) {
        return to - from >= 8 ? Integer.MAX_VALUE : Integer.parseInt(src, from, to, 10);
    }

    private void atom(List<RegexNode> items) throws GoRegexSyntaxException {
        char c = src.charAt(pos);
        switch (c) {
            case '(' -> {
                RegexNode group = group();
                if (group != null) {
                    items.add(group);
                }
            }
            case '[' -> items.add(new RegexNode.CharSet(ClassParser.bracket(this), flags.foldCase()));
            case '.' -> {
                pos++;
                items.add(new RegexNode.AnyChar(flags.dotAll()));
            }
            case '^' -> {
                pos++;
                items.add(new RegexNode.Assertion(flags.multiLine() ? Kind.BEGIN_LINE : Kind.BEGIN_TEXT));
            }
            case '$' -> {
                pos++;
                items.add(new RegexNode.Assertion(flags.multiLine() ? Kind.END_LINE : Kind.END_TEXT));
            }
            case '\\' -> escape(items);
            default -> {
                int cp = src.codePointAt(pos);
                pos += Character.charCount(cp);
                items.add(new RegexNode.Literal(cp, flags.foldCase()));
            }
        }
    }

    private void escape(List<RegexNode> items) throws GoRegexSyntaxException {
        if (pos + 1 >= src.length()) {
            throw new GoRegexSyntaxException(TRAILING_BACKSLASH, "");
        }
        char next = src.charAt(pos + 1);
        Kind kind = switch (next) {
            case 'A' -> Kind.BEGIN_TEXT;
            case 'z' -> Kind.END_TEXT;
            case 'b' -> Kind.WORD_BOUNDARY;
            case 'B' -> Kind.NOT_WORD_BOUNDARY;
            default -> null;
        };
        if (kind != null) {
            pos += 2;
            items.add(new RegexNode.Assertion(kind));
        } else if (next == 'Q') {
            quoted(items);
        } else if (next == 'p' || next == 'P') {
            items.add(charSet(ClassParser.unicodeClass(this)));
        } else if ("dDsSwW".indexOf(next) >= 0) {
            pos += 2;
            items.add(charSet(CharClass.perl(next)));
        } else {
            items.add(new RegexNode.Literal(ClassParser.escapeChar(this), flags.foldCase()));
        }
    }

    private RegexNode charSet(CharClass.Item item) {
        return new RegexNode.CharSet(new CharClass(List.of(item), false), flags.foldCase());
    }

    /** {@code \Q...\E}: every character up to {@code \E} (or the end) is a literal of its own. */
    private void quoted(List<RegexNode> items) {
        int from = pos + 2;
        int end = src.indexOf("\\E", from);
        int to = end < 0 ? src.length() : end;
        for (int i = from; i < to; ) {
            int cp = src.codePointAt(i);
            items.add(new RegexNode.Literal(cp, flags.foldCase()));
            i += Character.charCount(cp);
        }
        pos = end < 0 ? src.length() : end + 2;
    }

    /** A group at {@code pos}; null for a flags-only group such as {@code (?i)}, which changes later parsing. */
    private RegexNode group() throws GoRegexSyntaxException {
        int start = pos;
        if (!src.startsWith("(?", pos)) {
            pos++;
            return groupBody(flags);
        }
        if (src.startsWith("(?P<", pos) || src.startsWith("(?<", pos)) {
            return namedGroup(start);
        }
        boolean fold = flags.foldCase();
        boolean multi = flags.multiLine();
        boolean dot = flags.dotAll();
        boolean negative = false;
        boolean sawFlag = false;
        int i = pos + 2;
        while (i < src.length()) {
            char c = src.charAt(i++);
            switch (c) {
                case 'i' -> fold = !negative;
                case 'm' -> multi = !negative;
                case 's' -> dot = !negative;
                case 'U' -> { }
                case '-' -> {
                    if (negative) {
                        throw new GoRegexSyntaxException(INVALID_PERL_OP, src.substring(start, i));
                    }
                    negative = true;
                    sawFlag = false;
                    continue;
                }
                case ':', ')' -> {
                    if (negative && !sawFlag) {
                        throw new GoRegexSyntaxException(INVALID_PERL_OP, src.substring(start, i));
                    }
                    pos = i;
                    Flags updated = new Flags(fold, multi, dot);
                    if (c == ')') {
                        flags = updated;
                        return null;
                    }
                    return groupBody(updated);
                }
                default -> throw new GoRegexSyntaxException(INVALID_PERL_OP, src.substring(start, i));
            }
            sawFlag = true;
        }
        throw new GoRegexSyntaxException(INVALID_PERL_OP, src.substring(start));
    }

    private RegexNode namedGroup(int start) throws GoRegexSyntaxException {
        int begin = src.startsWith("(?P<", start) ? start + 4 : start + 3;
        int end = src.indexOf('>', begin);
        if (end < 0) {
            throw new GoRegexSyntaxException(INVALID_NAMED_CAPTURE, src.substring(start));
        }
        String name = src.substring(begin, end);
        if (name.isEmpty() || !name.chars().allMatch(ch -> ch == '_' || isAsciiAlnum(ch))) {
            throw new GoRegexSyntaxException(INVALID_NAMED_CAPTURE, src.substring(start, end + 1));
        }
        if (!names.add(name)) {
            throw new GoRegexSyntaxException(DUPLICATE_NAME, name);
        }
        pos = end + 1;
        return groupBody(flags);
    }

    /** The body of a group whose opening has been read; flags set inside end with the group. */
    private RegexNode groupBody(Flags inner) throws GoRegexSyntaxException {
        if (++depth > MAX_NESTING) {
            throw new GoRegexSyntaxException(NESTING_DEPTH, src);
        }
        Flags outer = flags;
        flags = inner;
        RegexNode body = alternation();
        if (pos >= src.length() || src.charAt(pos) != ')') {
            throw new GoRegexSyntaxException(MISSING_PAREN, src);
        }
        pos++;
        flags = outer;
        depth--;
        return body;
    }

    static boolean isAsciiAlnum(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
