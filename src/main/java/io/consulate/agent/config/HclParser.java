// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.config;

import io.consulate.agent.config.HclLexer.Kind;
import io.consulate.agent.config.HclLexer.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small hand-written parser for HCL 1, the syntax of Consul's {@code .hcl} config files and {@code -hcl} flags,
 * producing the same plain tree a JSON file gives: {@code Map<String,Object>} of String, Long, Double, Boolean,
 * List and Map values.
 *
 * <p>Supported: {@code key = value} assignments, blocks ({@code ports { http = 8501 }}, also written
 * {@code ports = { ... }}), labelled blocks ({@code sink "file" { ... }} becomes {@code sink: {file: {...}}}),
 * lists with optional trailing commas, optional commas between items, and everything {@link HclLexer} reads.
 * Repeating a block ({@code service { ... } service { ... }}) yields a list of maps, as HCL 1 does; repeating a
 * plain assignment keeps the last value.
 *
 * <p>Why hand-written: the only Java HCL libraries target HCL 2, whose grammar differs, and Consul's config files
 * need just this subset. Hostile input is bounded: nesting deeper than {@value #MAX_DEPTH} levels is rejected,
 * every step consumes a token, and every failure is a {@link ConfigException} with {@code source:line:col}.
 */
final class HclParser {

    /** Deepest allowed nesting of blocks, objects and lists. */
    static final int MAX_DEPTH = 64;

    private final HclLexer lexer;
    private Token peeked;
    private int depth;

    private HclParser(String text, String source) {
        this.lexer = new HclLexer(text, source);
    }

    /**
     * Parses a whole HCL document.
     *
     * @param text   the document
     * @param source how to name it in error messages (a file path, or {@code -hcl} with its position)
     * @return the top-level object, in source order
     * @throws ConfigException with {@code source:line:col} when the text is not valid HCL
     */
    static Map<String, Object> parse(String text, String source) throws ConfigException {
        HclParser p = new HclParser(text, source);
        return p.body(null);
    }

    private Token peek() throws ConfigException {
        if (peeked == null) {
            peeked = lexer.next();
        }
        return peeked;
    }

    private Token take() throws ConfigException {
        Token t = peek();
        peeked = null;
        return t;
    }

    private ConfigException error(Token at, String message) {
        return lexer.error(at.line(), at.col(), message);
    }

    /** Parses items until '}' (left unconsumed) or, at top level ({@code open == null}), end of input. */
    private Map<String, Object> body(Token open) throws ConfigException {
        Map<String, Object> result = new LinkedHashMap<>();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.EOF) {
                if (open != null) {
                    throw error(open, "unterminated block: missing '}' for this '{'");
                }
                return result;
            }
            if (t.kind() == Kind.RBRACE) {
                if (open == null) {
                    throw error(t, "unexpected '}'");
                }
                return result;
            }
            item(result);
            if (peek().kind() == Kind.COMMA) {
                take();
            }
        }
    }

    private void item(Map<String, Object> into) throws ConfigException {
        List<String> keys = new ArrayList<>();
        Token first = peek();
        while (peek().kind() == Kind.IDENT || peek().kind() == Kind.STRING) {
            keys.add((String) take().value());
        }
        if (keys.isEmpty()) {
            throw error(first, "expected a key, found " + first.describe());
        }
        Token t = peek();
        if (t.kind() == Kind.ASSIGN) {
            if (keys.size() > 1) {
                throw error(t, "expected '{' after block labels of \"" + keys.get(0) + "\", found '='");
            }
            take();
            insert(into, keys, 0, value(), first);
        } else if (t.kind() == Kind.LBRACE) {
            insert(into, keys, 0, object(), first);
        } else {
            throw error(t, "expected '=' or '{' after key \"" + keys.get(keys.size() - 1) + "\", found "
                    + t.describe());
        }
    }

    private Object value() throws ConfigException {
        Token t = peek();
        return switch (t.kind()) {
            case STRING, NUMBER, BOOL -> take().value();
            case LBRACK -> list();
            case LBRACE -> object();
            case IDENT -> throw error(t, "unexpected " + t.describe() + " (strings must be quoted)");
            default -> throw error(t, "expected a value, found " + t.describe());
        };
    }

    private List<Object> list() throws ConfigException {
        Token open = take();
        enter(open);
        List<Object> result = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.RBRACK) {
                take();
                break;
            }
            if (t.kind() == Kind.EOF) {
                throw error(open, "unterminated list: missing ']' for this '['");
            }
            result.add(value());
            Token sep = peek();
            if (sep.kind() == Kind.COMMA) {
                take();
            } else if (sep.kind() == Kind.EOF) {
                throw error(open, "unterminated list: missing ']' for this '['");
            } else if (sep.kind() != Kind.RBRACK) {
                throw error(sep, "expected ',' or ']' in list, found " + sep.describe());
            }
        }
        depth--;
        return result;
    }

    private Map<String, Object> object() throws ConfigException {
        Token open = take();
        enter(open);
        Map<String, Object> result = body(open);
        take(); // the closing brace, guaranteed by body()
        depth--;
        return result;
    }

    private void enter(Token open) throws ConfigException {
        if (++depth > MAX_DEPTH) {
            throw error(open, "nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    /**
     * Stores a value under a key path: {@code a "b" { }} nests as {@code a -> b -> {...}}. Repeated objects under
     * the same key collect into a list, as HCL 1 does for repeated blocks; other repeats keep the last value.
     */
    @SuppressWarnings("unchecked")
    private void insert(Map<String, Object> into, List<String> keys, int index, Object value, Token at)
            throws ConfigException {
        String key = keys.get(index);
        Object existing = into.get(key);
        if (index < keys.size() - 1) {
            if (existing == null) {
                Map<String, Object> child = new LinkedHashMap<>();
                into.put(key, child);
                insert(child, keys, index + 1, value, at);
            } else if (existing instanceof Map<?, ?> m) {
                insert((Map<String, Object>) m, keys, index + 1, value, at);
            } else {
                throw error(at, "block \"" + key + "\" conflicts with an earlier non-block value");
            }
            return;
        }
        if (value instanceof Map<?, ?> && existing instanceof Map<?, ?>) {
            List<Object> blocks = new ArrayList<>();
            blocks.add(existing);
            blocks.add(value);
            into.put(key, blocks);
        } else if (value instanceof Map<?, ?> && existing instanceof List<?> l && !l.isEmpty()
                && l.stream().allMatch(e -> e instanceof Map<?, ?>)) {
            List<Object> blocks = new ArrayList<>(l);
            blocks.add(value);
            into.put(key, blocks);
        } else {
            into.put(key, value);
        }
    }
}
