// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter.regex;

import static io.consulate.filter.regex.GoRegexSyntaxException.INVALID_CHAR_RANGE;
import static io.consulate.filter.regex.GoRegexSyntaxException.INVALID_ESCAPE;
import static io.consulate.filter.regex.GoRegexSyntaxException.MISSING_BRACKET;
import static io.consulate.filter.regex.GoRegexSyntaxException.TRAILING_BACKSLASH;

import java.util.ArrayList;
import java.util.List;

/**
 * The character-level parts of Go's syntax: bracket classes ({@code [^a-z[:digit:]\pL]}), Unicode classes and
 * single-character escapes. Go's rules differ from Java's here: {@code [} and {@code &&} are plain characters
 * inside a class, {@code [:name:]} is a POSIX class, {@code \v} is the vertical tab, {@code \123} is octal
 * and {@code \e}, {@code \h} or {@code \R} are errors.
 */
final class ClassParser {

    private ClassParser() {}

    /** A bracket class at {@code p.pos} (on the {@code [}). */
    static CharClass bracket(RegexParser p) throws GoRegexSyntaxException {
        String src = p.src;
        int start = p.pos++;
        boolean negated = false;
        if (p.pos < src.length() && src.charAt(p.pos) == '^') {
            negated = true;
            p.pos++;
        }
        List<CharClass.Item> items = new ArrayList<>();
        boolean first = true;
        while (true) {
            if (p.pos >= src.length()) {
                throw new GoRegexSyntaxException(MISSING_BRACKET, src.substring(start));
            }
            char c = src.charAt(p.pos);
            if (c == ']' && !first) {
                p.pos++;
                return new CharClass(items, negated);
            }
            first = false;
            if (src.startsWith("[:", p.pos) && posixClass(p, items)) {
                continue;
            }
            char next = p.pos + 1 < src.length() ? src.charAt(p.pos + 1) : 0;
            if (c == '\\' && (next == 'p' || next == 'P')) {
                items.add(unicodeClass(p));
            } else if (c == '\\' && next != 0 && "dDsSwW".indexOf(next) >= 0) {
                items.add(CharClass.perl(next));
                p.pos += 2;
            } else {
                items.add(rangeOrChar(p, start));
            }
        }
    }

    /** A POSIX class like {@code [:alpha:]}; false (nothing read) when there is no closing {@code :]}. */
    private static boolean posixClass(RegexParser p, List<CharClass.Item> items) throws GoRegexSyntaxException {
        int end = p.src.indexOf(":]", p.pos + 2);
        if (end < 0) {
            return false;
        }
        CharClass.Item item = CharClass.posix(p.src.substring(p.pos + 2, end));
        if (item == null) {
            throw new GoRegexSyntaxException(INVALID_CHAR_RANGE, p.src.substring(p.pos, end + 2));
        }
        items.add(item);
        p.pos = end + 2;
        return true;
    }

    private static CharClass.Item rangeOrChar(RegexParser p, int classStart) throws GoRegexSyntaxException {
        String src = p.src;
        int rangeStart = p.pos;
        int lo = classChar(p, classStart);
        int hi = lo;
        if (p.pos + 1 < src.length() && src.charAt(p.pos) == '-' && src.charAt(p.pos + 1) != ']') {
            p.pos++;
            hi = classChar(p, classStart);
            if (hi < lo) {
                throw new GoRegexSyntaxException(INVALID_CHAR_RANGE, src.substring(rangeStart, p.pos));
            }
        }
        return CharClass.range(lo, hi);
    }

    private static int classChar(RegexParser p, int classStart) throws GoRegexSyntaxException {
        if (p.pos >= p.src.length()) {
            throw new GoRegexSyntaxException(MISSING_BRACKET, p.src.substring(classStart));
        }
        if (p.src.charAt(p.pos) == '\\') {
            return escapeChar(p);
        }
        int cp = p.src.codePointAt(p.pos);
        p.pos += Character.charCount(cp);
        return cp;
    }

    /** {@code \pL}, {@code \p{Greek}}, {@code \p{^Lu}} or the {@code \P} complements, at {@code p.pos}. */
    static CharClass.Item unicodeClass(RegexParser p) throws GoRegexSyntaxException {
        String src = p.src;
        int start = p.pos;
        boolean negate = src.charAt(start + 1) == 'P';
        int at = start + 2;
        if (at >= src.length()) {
            throw new GoRegexSyntaxException(INVALID_CHAR_RANGE, src.substring(start));
        }
        String name;
        if (src.charAt(at) == '{') {
            int end = src.indexOf('}', at);
            if (end < 0) {
                throw new GoRegexSyntaxException(INVALID_CHAR_RANGE, src.substring(start));
            }
            name = src.substring(at + 1, end);
            p.pos = end + 1;
        } else {
            int cp = src.codePointAt(at);
            name = Character.toString(cp);
            p.pos = at + Character.charCount(cp);
        }
        if (name.startsWith("^")) {
            negate = !negate;
            name = name.substring(1);
        }
        CharClass.Item item = CharClass.unicode(name);
        if (item == null) {
            throw new GoRegexSyntaxException(INVALID_CHAR_RANGE, src.substring(start, p.pos));
        }
        return negate ? new CharClass.Negated(item) : item;
    }

    /** One escaped character at {@code p.pos} (on the backslash), with Go's escapes and errors. */
    static int escapeChar(RegexParser p) throws GoRegexSyntaxException {
        String src = p.src;
        int start = p.pos;
        if (start + 1 >= src.length()) {
            throw new GoRegexSyntaxException(TRAILING_BACKSLASH, "");
        }
        int c = src.codePointAt(start + 1);
        p.pos = start + 1 + Character.charCount(c);
        int value = switch (c) {
            case '0', '1', '2', '3', '4', '5', '6', '7' -> octal(p, c);
            case 'x' -> hex(p);
            case 'a' -> 7;
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 0x0B;
            default -> c < 0x80 && !RegexParser.isAsciiAlnum(c) ? c : -1;
        };
        if (value < 0) {
            throw new GoRegexSyntaxException(INVALID_ESCAPE, src.substring(start, p.pos));
        }
        return value;
    }

    /** Octal: {@code \0} alone or up to three digits; a lone {@code \1}-{@code \7} is a backreference (-1). */
    private static int octal(RegexParser p, int first) {
        if (first != '0' && !isOctal(p, p.pos)) {
            return -1;
        }
        int value = first - '0';
        for (int i = 1; i < 3 && isOctal(p, p.pos); i++) {
            value = value * 8 + (p.src.charAt(p.pos++) - '0');
        }
        return value;
    }

    private static boolean isOctal(RegexParser p, int at) {
        return at < p.src.length() && p.src.charAt(at) >= '0' && p.src.charAt(at) <= '7';
    }

    /** {@code \x7F} (exactly two digits) or {@code \x{10FFFF}}; -1 if malformed. */
    private static int hex(RegexParser p) {
        String src = p.src;
        if (p.pos >= src.length()) {
            return -1;
        }
        if (src.charAt(p.pos) != '{') {
            if (p.pos + 1 >= src.length()) {
                p.pos = src.length();
                return -1;
            }
            int hi = hexDigit(src.charAt(p.pos));
            int lo = hexDigit(src.charAt(p.pos + 1));
            p.pos += 2;
            return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
        }
        p.pos++;
        int value = 0;
        int digits = 0;
        while (p.pos < src.length()) {
            char ch = src.charAt(p.pos++);
            if (ch == '}') {
                return digits == 0 ? -1 : value;
            }
            int d = hexDigit(ch);
            if (d < 0) {
                return -1;
            }
            value = value * 16 + d;
            if (value > Character.MAX_CODE_POINT) {
                return -1;
            }
            digits++;
        }
        return -1;
    }

    private static int hexDigit(char ch) {
        if (ch >= '0' && ch <= '9') {
            return ch - '0';
        }
        if (ch >= 'a' && ch <= 'f') {
            return ch - 'a' + 10;
        }
        return ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
    }
}
