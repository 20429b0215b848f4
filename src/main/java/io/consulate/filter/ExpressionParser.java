// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter;

import io.consulate.filter.regex.GoRegex;
import io.consulate.filter.regex.GoRegexSyntaxException;
import io.consulate.text.GoQuote;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for go-bexpr's grammar, as Consul uses it:
 *
 * <pre>
 * expr     = and { "or" and }
 * and      = not { "and" not }
 * not      = { "not" } primary                 (not binds tighter than and, and than or)
 * primary  = "(" expr ")" | match
 * match    = selector ("==" | "!=" | "contains" | "not contains" | "matches" | "not matches") value
 *          | selector "is" ["not"] "empty"
 *          | value ("in" | "not in") selector
 * selector = ident { "." ident | "." digits | "[" string "]" }     ident = [a-zA-Z][a-zA-Z0-9_]*
 * value    = selector (taken as its dotted text) | number | string
 * number   = ["-"] ("0" | [1-9][0-9]*) ["." [0-9]+], then whitespace, ")" or the end
 * </pre>
 *
 * <p>Whitespace is space, tab, CR and LF. Word operators need only a word boundary, where go-bexpr also
 * demands whitespace ({@code (a == 1)and(b == 2)} parses here). Nesting is limited to {@value #MAX_DEPTH}
 * parentheses and input to {@value #MAX_LENGTH} characters, so hostile input fails fast without deep
 * recursion. Regular expressions are compiled here, once.
 */
final class ExpressionParser {

    static final int MAX_LENGTH = 4096;
    static final int MAX_DEPTH = 64;

    private final String src;
    private int pos;

    private ExpressionParser(String src) {
        this.src = src;
    }

    /** Parses a non-empty expression. */
    static Expr parse(String src) throws FilterException {
        if (src.length() > MAX_LENGTH) {
            throw FilterException.at(src, MAX_LENGTH,
                    "expression is " + src.length() + " characters long; the limit is " + MAX_LENGTH);
        }
        ExpressionParser p = new ExpressionParser(src);
        Expr root = p.or(0);
        p.skipSpace();
        if (p.pos < src.length()) {
            throw p.fail("no match found, expected: \"and\", \"or\" or end of input");
        }
        return root;
    }

    private Expr or(int depth) throws FilterException {
        List<Expr> terms = new ArrayList<>();
        terms.add(and(depth));
        while (keyword("or")) {
            terms.add(and(depth));
        }
        return terms.size() == 1 ? terms.get(0) : new Expr.Or(terms);
    }

    private Expr and(int depth) throws FilterException {
        List<Expr> terms = new ArrayList<>();
        terms.add(not(depth));
        while (keyword("and")) {
            terms.add(not(depth));
        }
        return terms.size() == 1 ? terms.get(0) : new Expr.And(terms);
    }

    /** Any number of {@code not}s, counted rather than recursed into, then a primary. */
    private Expr not(int depth) throws FilterException {
        boolean negate = false;
        while (true) {
            int save = pos;
            if (keyword("not") && startsOperand()) {
                negate = !negate;
            } else {
                pos = save;
                break;
            }
        }
        Expr operand = primary(depth);
        return negate ? new Expr.Not(operand) : operand;
    }

    /**
     * After a {@code not}: whether an operand follows. If an operator or the end follows instead, the word was
     * a selector or value named "not" (go-bexpr's grammar backtracks the same way for {@code not == 1}).
     */
    private boolean startsOperand() {
        int save = pos;
        skipSpace();
        boolean operand = pos < src.length() && src.charAt(pos) != ')'
                && !src.startsWith("==", pos) && !src.startsWith("!=", pos);
        pos = save;
        return operand;
    }

    private Expr primary(int depth) throws FilterException {
        skipSpace();
        if (pos < src.length() && src.charAt(pos) == '(') {
            if (depth >= MAX_DEPTH) {
                throw fail("parentheses nest deeper than " + MAX_DEPTH + " levels");
            }
            pos++;
            Expr inner = or(depth + 1);
            skipSpace();
            if (pos >= src.length() || src.charAt(pos) != ')') {
                throw fail("rule \"grouping\": Unmatched parentheses");
            }
            pos++;
            return inner;
        }
        return match();
    }

    private Expr match() throws FilterException {
        Object first = operand();
        if (first == null) {
            throw fail("no match found, expected: \"(\", \"not\", a selector or a value");
        }
        if (keyword("in")) {
            return inSelector(first, MatchOp.IN);
        }
        int save = pos;
        if (keyword("not")) {
            if (keyword("in")) {
                return inSelector(first, MatchOp.NOT_IN);
            }
            if (first instanceof Selector sel) {
                if (keyword("contains")) {
                    return withValue(sel, MatchOp.NOT_IN);
                }
                if (keyword("matches")) {
                    return withValue(sel, MatchOp.NOT_MATCHES);
                }
            }
            pos = save;
        }
        if (!(first instanceof Selector sel)) {
            skipSpace();
            throw fail("no match found, expected: \"in\" or \"not in\" after a value");
        }
        skipSpace();
        if (src.startsWith("==", pos)) {
            pos += 2;
            return withValue(sel, MatchOp.EQUAL);
        }
        if (src.startsWith("!=", pos)) {
            pos += 2;
            return withValue(sel, MatchOp.NOT_EQUAL);
        }
        if (keyword("contains")) {
            return withValue(sel, MatchOp.IN);
        }
        if (keyword("matches")) {
            return withValue(sel, MatchOp.MATCHES);
        }
        if (keyword("is")) {
            boolean negated = keyword("not");
            if (!keyword("empty")) {
                skipSpace();
                throw fail("no match found, expected: " + (negated ? "\"empty\"" : "\"empty\" or \"not empty\""));
            }
            return new Expr.Match(sel, negated ? MatchOp.IS_NOT_EMPTY : MatchOp.IS_EMPTY, null);
        }
        throw fail("no match found, expected: \"==\", \"!=\", \"contains\", \"in\", \"is\", \"matches\" or \"not\"");
    }

    /** {@code value in selector}: the operand already read is the value. */
    private Expr inSelector(Object value, MatchOp op) throws FilterException {
        skipSpace();
        Selector sel = pos < src.length() && isLetter(src.charAt(pos)) ? selector() : null;
        if (sel == null) {
            throw fail("rule \"match\": Invalid selector");
        }
        return new Expr.Match(sel, op, Literal.of(rawValue(value)));
    }

    /** {@code selector op value}: reads the value, compiling it if the operator is a regex match. */
    private Expr withValue(Selector sel, MatchOp op) throws FilterException {
        skipSpace();
        int valueStart = pos;
        Object value = operand();
        if (value == null) {
            throw fail("no match found, expected: a value (a quoted string, a number or a bare word)");
        }
        Literal literal = Literal.of(rawValue(value));
        if (op == MatchOp.MATCHES || op == MatchOp.NOT_MATCHES) {
            try {
                literal = literal.withRegex(GoRegex.compile(literal.raw()));
            } catch (GoRegexSyntaxException e) {
                throw FilterException.at(src, valueStart, "Failed to compile regular expression "
                        + GoQuote.quote(literal.raw()) + ": " + e.getMessage());
            }
        }
        return new Expr.Match(sel, op, literal);
    }

    private static String rawValue(Object operand) {
        return operand instanceof Selector sel ? sel.asValue() : (String) operand;
    }

    /** A selector, or the raw text of a number or string literal; null if none starts here. */
    private Object operand() throws FilterException {
        skipSpace();
        if (pos >= src.length()) {
            return null;
        }
        char c = src.charAt(pos);
        if (isLetter(c)) {
            return selector();
        }
        if (c == '"' || c == '`') {
            StringLiteral.Read read = StringLiteral.read(src, pos);
            pos = read.end();
            return read.value();
        }
        if (c == '-' || isDigit(c)) {
            return number();
        }
        return null;
    }

    private Selector selector() throws FilterException {
        int start = pos;
        List<String> path = new ArrayList<>();
        path.add(identifier());
        while (pos < src.length()) {
            char c = src.charAt(pos);
            char next = pos + 1 < src.length() ? src.charAt(pos + 1) : 0;
            if (c == '.' && isLetter(next)) {
                pos++;
                path.add(identifier());
            } else if (c == '.' && isDigit(next)) {
                int from = ++pos;
                while (pos < src.length() && isDigit(src.charAt(pos))) {
                    pos++;
                }
                path.add(src.substring(from, pos));
            } else if (c == '[') {
                path.add(index());
            } else {
                break;
            }
        }
        return new Selector(path, src.substring(start, pos));
    }

    private String identifier() {
        int start = pos++;
        while (pos < src.length() && (isLetter(src.charAt(pos)) || isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        return src.substring(start, pos);
    }

    /** {@code ["map key"]}: a string literal in brackets, spaces allowed inside. */
    private String index() throws FilterException {
        pos++;
        skipSpace();
        if (pos >= src.length() || (src.charAt(pos) != '"' && src.charAt(pos) != '`')) {
            throw fail("rule \"index\": Invalid index");
        }
        StringLiteral.Read key = StringLiteral.read(src, pos);
        pos = key.end();
        skipSpace();
        if (pos >= src.length() || src.charAt(pos) != ']') {
            throw fail("rule \"index\": Unclosed index expression");
        }
        pos++;
        return key.value();
    }

    /** A number as written; it must be followed by whitespace, {@code )} or the end. Null if no digits. */
    private String number() throws FilterException {
        int start = pos;
        int p = pos;
        if (src.charAt(p) == '-') {
            p++;
        }
        if (p >= src.length() || !isDigit(src.charAt(p))) {
            return null;
        }
        if (src.charAt(p) == '0') {
            p++;
        } else {
            while (p < src.length() && isDigit(src.charAt(p))) {
                p++;
            }
        }
        if (p + 1 < src.length() && src.charAt(p) == '.' && isDigit(src.charAt(p + 1))) {
            p++;
            while (p < src.length() && isDigit(src.charAt(p))) {
                p++;
            }
        }
        pos = p;
        if (p < src.length() && !isSpace(src.charAt(p)) && src.charAt(p) != ')') {
            throw fail("rule \"number\": Invalid number literal");
        }
        return src.substring(start, p);
    }

    /** Consumes {@code word} (after optional whitespace) if it is there as a whole word. */
    private boolean keyword(String word) {
        int save = pos;
        skipSpace();
        int end = pos + word.length();
        if (src.startsWith(word, pos) && (end >= src.length() || !isWordChar(src.charAt(end)))) {
            pos = end;
            return true;
        }
        pos = save;
        return false;
    }

    private void skipSpace() {
        while (pos < src.length() && isSpace(src.charAt(pos))) {
            pos++;
        }
    }

    private FilterException fail(String reason) {
        return FilterException.at(src, pos, reason);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordChar(char c) {
        return isLetter(c) || isDigit(c) || c == '_';
    }
}
