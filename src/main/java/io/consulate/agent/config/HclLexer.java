// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.config;

/**
 * Splits HCL 1 text (the dialect Consul's config files use) into tokens.
 *
 * <p>Handles {@code #}, {@code //} and {@code /* *}{@code /} comments, quoted strings with Go escapes (and
 * {@code ${...}} interpolations kept verbatim, since Consul never evaluates them), heredocs ({@code <<EOF} and
 * the indented {@code <<-EOF}), decimal, hexadecimal and floating-point numbers, booleans and identifiers.
 * Every call to {@link #next()} consumes at least one character or reports end of input, so the lexer cannot
 * loop; any malformed input becomes a {@link ConfigException} carrying {@code source:line:col}.
 *
 * <p>Not thread-safe: one instance reads one text once.
 */
final class HclLexer {

    /** Token kinds. */
    enum Kind { IDENT, STRING, NUMBER, BOOL, LBRACE, RBRACE, LBRACK, RBRACK, ASSIGN, COMMA, EOF }

    /**
     * One token.
     *
     * @param kind  what it is
     * @param value the decoded value: String for IDENT and STRING, Long or Double for NUMBER, Boolean for BOOL
     * @param line  1-based line of its first character
     * @param col   1-based column of its first character
     */
    record Token(Kind kind, Object value, int line, int col) {
        String describe() {
            return switch (kind) {
                case IDENT -> "identifier " + value;
                case STRING -> "string";
                case NUMBER -> "number " + value;
                case BOOL -> String.valueOf(value);
                case LBRACE -> "'{'";
                case RBRACE -> "'}'";
                case LBRACK -> "'['";
                case RBRACK -> "']'";
                case ASSIGN -> "'='";
                case COMMA -> "','";
                case EOF -> "end of input";
            };
        }
    }

    private final String text;
    private final String source;
    private int pos;
    private int line = 1;
    private int col = 1;

    HclLexer(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /** Builds an error located at the given position. */
    ConfigException error(int atLine, int atCol, String message) {
        return new ConfigException(source + ":" + atLine + ":" + atCol + ": " + message);
    }

    /** Returns the next token, or an EOF token at the end. */
    Token next() throws ConfigException {
        skipBlanksAndComments();
        int l = line;
        int c = col;
        if (pos >= text.length()) {
            return new Token(Kind.EOF, null, l, c);
        }
        char ch = text.charAt(pos);
        switch (ch) {
            case '{': advance(); return new Token(Kind.LBRACE, null, l, c);
            case '}': advance(); return new Token(Kind.RBRACE, null, l, c);
            case '[': advance(); return new Token(Kind.LBRACK, null, l, c);
            case ']': advance(); return new Token(Kind.RBRACK, null, l, c);
            case '=': advance(); return new Token(Kind.ASSIGN, null, l, c);
            case ',': advance(); return new Token(Kind.COMMA, null, l, c);
            case '"': return new Token(Kind.STRING, quoted(l, c), l, c);
            default: break;
        }
        if (ch == '<' && peekChar(1) == '<') {
            return new Token(Kind.STRING, heredoc(l, c), l, c);
        }
        if (isDigit(ch) || (ch == '-' && isDigit(peekChar(1)))) {
            return new Token(Kind.NUMBER, number(l, c), l, c);
        }
        if (Character.isLetter(ch) || ch == '_') {
            int start = pos;
            while (pos < text.length() && isIdentPart(text.charAt(pos))) {
                advance();
            }
            String word = text.substring(start, pos);
            if (word.equals("true") || word.equals("false")) {
                return new Token(Kind.BOOL, Boolean.valueOf(word), l, c);
            }
            return new Token(Kind.IDENT, word, l, c);
        }
        throw error(l, c, "unexpected character " + printable(ch));
    }

    private void skipBlanksAndComments() throws ConfigException {
        while (pos < text.length()) {
            char ch = text.charAt(pos);
            if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
                advance();
            } else if (ch == '#' || (ch == '/' && peekChar(1) == '/')) {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    advance();
                }
            } else if (ch == '/' && peekChar(1) == '*') {
                int l = line;
                int c = col;
                advance();
                advance();
                while (!(pos < text.length() && text.charAt(pos) == '*' && peekChar(1) == '/')) {
                    if (pos >= text.length()) {
                        throw error(l, c, "unterminated comment");
                    }
                    advance();
                }
                advance();
                advance();
            } else {
                return;
            }
        }
    }

    private String quoted(int l, int c) throws ConfigException {
        advance(); // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n') {
                throw error(l, c, "unterminated string");
            }
            char ch = text.charAt(pos);
            if (ch == '"') {
                advance();
                return sb.toString();
            }
            if (ch == '\\') {
                escape(sb);
            } else if (ch == '$' && peekChar(1) == '{') {
                interpolation(sb, l, c);
            } else {
                sb.append(ch);
                advance();
            }
        }
    }

    /** Copies {@code ${ ... }} verbatim; quotes and braces may nest inside it, as HCL 1 allows. */
    private void interpolation(StringBuilder sb, int l, int c) throws ConfigException {
        int depth = 0;
        boolean inString = false;
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n') {
                throw error(l, c, "unterminated string");
            }
            char ch = text.charAt(pos);
            sb.append(ch);
            advance();
            if (inString) {
                if (ch == '\\' && pos < text.length() && text.charAt(pos) != '\n') {
                    sb.append(text.charAt(pos));
                    advance();
                } else if (ch == '"') {
                    inString = false;
                }
            } else if (ch == '"') {
                inString = true;
            } else if (ch == '{') {
                depth++;
            } else if (ch == '}' && --depth == 0) {
                return;
            }
        }
    }

    private void escape(StringBuilder sb) throws ConfigException {
        int l = line;
        int c = col;
        advance(); // backslash
        if (pos >= text.length()) {
            throw error(l, c, "unterminated string");
        }
        char e = text.charAt(pos);
        advance();
        switch (e) {
            case 'a' -> sb.append('\u0007');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'v' -> sb.append('\u000b');
            case '\\', '"', '\'' -> sb.append(e);
            case 'x' -> sb.append((char) hexDigits(2, l, c));
            case 'u' -> appendCodePoint(sb, hexDigits(4, l, c), l, c);
            case 'U' -> appendCodePoint(sb, hexDigits(8, l, c), l, c);
            default -> {
                if (e >= '0' && e <= '7') {
                    int v = e - '0';
                    for (int i = 0; i < 2; i++) {
                        char d = pos < text.length() ? text.charAt(pos) : 0;
                        if (d < '0' || d > '7') {
                            throw error(l, c, "invalid octal escape");
                        }
                        v = v * 8 + (d - '0');
                        advance();
                    }
                    if (v > 255) {
                        throw error(l, c, "invalid octal escape");
                    }
                    sb.append((char) v);
                } else {
                    throw error(l, c, "invalid escape sequence \\" + printable(e));
                }
            }
        }
    }

    private long hexDigits(int count, int l, int c) throws ConfigException {
        long v = 0;
        for (int i = 0; i < count; i++) {
            int d = pos < text.length() ? Character.digit(text.charAt(pos), 16) : -1;
            if (d < 0) {
                throw error(l, c, "invalid escape: expected " + count + " hex digits");
            }
            v = v * 16 + d;
            advance();
        }
        return v;
    }

    private void appendCodePoint(StringBuilder sb, long cp, int l, int c) throws ConfigException {
        if (cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
            throw error(l, c, "invalid unicode escape");
        }
        sb.appendCodePoint((int) cp);
    }

    private String heredoc(int l, int c) throws ConfigException {
        advance();
        advance(); // <<
        boolean indented = pos < text.length() && text.charAt(pos) == '-';
        if (indented) {
            advance();
        }
        int start = pos;
        while (pos < text.length() && isIdentPart(text.charAt(pos)) && text.charAt(pos) != '.') {
            advance();
        }
        String anchor = text.substring(start, pos);
        if (anchor.isEmpty()) {
            throw error(l, c, "heredoc needs an anchor name after '<<'");
        }
        if (pos < text.length() && text.charAt(pos) == '\r') {
            advance();
        }
        if (pos >= text.length() || text.charAt(pos) != '\n') {
            throw error(l, c, "heredoc anchor must be followed by a newline");
        }
        advance();
        java.util.List<String> lines = new java.util.ArrayList<>();
        while (true) {
            if (pos >= text.length()) {
                throw error(l, c, "unterminated heredoc, missing closing " + anchor);
            }
            int lineStart = pos;
            while (pos < text.length() && text.charAt(pos) != '\n') {
                advance();
            }
            String lineText = text.substring(lineStart, pos);
            if (lineText.endsWith("\r")) {
                lineText = lineText.substring(0, lineText.length() - 1);
            }
            boolean atEnd = pos >= text.length();
            String candidate = indented ? lineText.stripLeading() : lineText;
            if (candidate.equals(anchor)) {
                return joinHeredoc(lines, indented);
            }
            if (atEnd) {
                throw error(l, c, "unterminated heredoc, missing closing " + anchor);
            }
            advance(); // newline
            lines.add(lineText);
        }
    }

    private static String joinHeredoc(java.util.List<String> lines, boolean indented) {
        int strip = 0;
        if (indented) {
            strip = Integer.MAX_VALUE;
            for (String s : lines) {
                if (!s.isBlank()) {
                    strip = Math.min(strip, s.length() - s.stripLeading().length());
                }
            }
            strip = strip == Integer.MAX_VALUE ? 0 : strip;
        }
        StringBuilder sb = new StringBuilder();
        for (String s : lines) {
            sb.append(s.length() >= strip ? s.substring(strip) : s.stripLeading()).append('\n');
        }
        return sb.toString();
    }

    private Object number(int l, int c) throws ConfigException {
        int start = pos;
        if (text.charAt(pos) == '-') {
            advance();
        }
        boolean hex = text.charAt(pos) == '0' && (peekChar(1) == 'x' || peekChar(1) == 'X');
        boolean floating = false;
        if (hex) {
            advance();
            advance();
            while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0) {
                advance();
            }
        } else {
            skipDigits();
            if (pos < text.length() && text.charAt(pos) == '.' && isDigit(peekChar(1))) {
                floating = true;
                advance();
                skipDigits();
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                floating = true;
                advance();
                if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                    advance();
                }
                if (!(pos < text.length() && isDigit(text.charAt(pos)))) {
                    throw error(l, c, "invalid number: missing exponent digits");
                }
                skipDigits();
            }
        }
        if (pos < text.length() && (isIdentPart(text.charAt(pos)))) {
            throw error(l, c, "invalid number " + printable(text.substring(start, Math.min(pos + 1, text.length()))));
        }
        String lit = text.substring(start, pos);
        try {
            if (floating) {
                double d = Double.parseDouble(lit);
                if (Double.isInfinite(d)) {
                    throw error(l, c, "number out of range: " + lit);
                }
                return d;
            }
            if (hex) {
                boolean negative = lit.startsWith("-");
                String digits = lit.substring(negative ? 3 : 2);
                if (digits.isEmpty()) {
                    throw error(l, c, "invalid number " + lit);
                }
                long v = Long.parseLong(digits, 16);
                return negative ? -v : v;
            }
            return Long.parseLong(lit);
        } catch (NumberFormatException e) {
            throw error(l, c, "number out of range: " + lit);
        }
    }

    private void skipDigits() {
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            advance();
        }
    }

    private void advance() {
        if (text.charAt(pos) == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
        pos++;
    }

    private char peekChar(int ahead) {
        int p = pos + ahead;
        return p < text.length() ? text.charAt(p) : 0;
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    private static boolean isIdentPart(char ch) {
        return Character.isLetterOrDigit(ch) || ch == '_' || ch == '-' || ch == '.';
    }

    private static String printable(char ch) {
        return ch >= 0x20 && ch < 0x7f ? "'" + ch + "'" : String.format("U+%04X", (int) ch);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            sb.append(ch >= 0x20 && ch < 0x7f ? String.valueOf(ch) : String.format("\\u%04x", (int) ch));
        }
        return sb.append('"').toString();
    }
}
