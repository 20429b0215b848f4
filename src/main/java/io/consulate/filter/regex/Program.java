// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter.regex;

import java.util.ArrayList;
import java.util.List;

/**
 * A pattern compiled to a Thompson NFA and run as a set of simultaneous states (the Pike VM without captures),
 * so matching takes time proportional to input length times program size whatever the pattern: no
 * backtracking, no catastrophic cases like {@code (a+)+b}, the same guarantee Go's RE2 engine gives.
 *
 * <p>Immutable and thread-safe: {@link #find} keeps its working sets on the calling thread.
 */
final class Program {

    /** Programs beyond this size are rejected as "expression too large" (Go's own limit is far higher). */
    static final int MAX_INSTRUCTIONS = 10_000;

    /** A code point test compiled from a literal, class or dot. */
    @FunctionalInterface
    interface CharTest {
        boolean test(int c);
    }

    private sealed interface Inst {}

    private record Consume(CharTest test) implements Inst {}

    private record Split(int first, int second) implements Inst {}

    private record Jump(int target) implements Inst {}

    private record Check(RegexNode.Kind kind) implements Inst {}

    private record Match() implements Inst {}

    private final Inst[] code;

    private Program(List<Inst> code) {
        this.code = code.toArray(new Inst[0]);
    }

    /** Compiles a parsed pattern; {@code pattern} is only used in the error text. */
    static Program compile(RegexNode root, String pattern) throws GoRegexSyntaxException {
        Compiler c = new Compiler(pattern);
        c.emitNode(root);
        c.emit(new Match());
        return new Program(c.code);
    }

    int size() {
        return code.length;
    }

    /** Whether the pattern matches anywhere in {@code input}, like Go's {@code MatchString}. */
    boolean find(CharSequence input) {
        int n = input.length();
        StateSet current = new StateSet(code.length);
        StateSet next = new StateSet(code.length);
        int[] stack = new int[2 * code.length + 1]; // each state is expanded once and pushes at most two
        int pos = 0;
        while (true) {
            if (follow(current, 0, input, pos, stack)) {
                return true;
            }
            if (pos >= n) {
                return false;
            }
            int c = Character.codePointAt(input, pos);
            int after = pos + Character.charCount(c);
            next.clear();
            for (int i = 0; i < current.size(); i++) {
                if (code[current.get(i)] instanceof Consume step && step.test().test(c)
                        && follow(next, current.get(i) + 1, input, after, stack)) {
                    return true;
                }
            }
            StateSet swap = current;
            current = next;
            next = swap;
            pos = after;
        }
    }

    /** Adds {@code pc} and everything reachable without consuming input; true once {@link Match} is reached. */
    private boolean follow(StateSet set, int pc, CharSequence input, int pos, int[] stack) {
        int top = 0;
        stack[top++] = pc;
        while (top > 0) {
            int at = stack[--top];
            if (!set.add(at)) {
                continue;
            }
            switch (code[at]) {
                case Match m -> {
                    return true;
                }
                case Jump j -> stack[top++] = j.target();
                case Split s -> {
                    stack[top++] = s.second();
                    stack[top++] = s.first();
                }
                case Check check -> {
                    if (holds(check.kind(), input, pos)) {
                        stack[top++] = at + 1;
                    }
                }
                case Consume consume -> { }
            }
        }
        return false;
    }

    private static boolean holds(RegexNode.Kind kind, CharSequence input, int pos) {
        int n = input.length();
        return switch (kind) {
            case BEGIN_TEXT -> pos == 0;
            case END_TEXT -> pos == n;
            case BEGIN_LINE -> pos == 0 || input.charAt(pos - 1) == '\n';
            case END_LINE -> pos == n || input.charAt(pos) == '\n';
            case WORD_BOUNDARY -> isWord(input, pos - 1) != isWord(input, pos);
            case NOT_WORD_BOUNDARY -> isWord(input, pos - 1) == isWord(input, pos);
        };
    }

    private static boolean isWord(CharSequence input, int at) {
        if (at < 0 || at >= input.length()) {
            return false;
        }
        char c = input.charAt(at);
        return c == '_' || RegexParser.isAsciiAlnum(c);
    }

    /** Sparse set of program counters: constant-time add, membership and clear. */
    private static final class StateSet {
        private final int[] dense;
        private final int[] sparse;
        private int size;

        StateSet(int capacity) {
            dense = new int[capacity];
            sparse = new int[capacity];
        }

        boolean add(int pc) {
            int i = sparse[pc];
            if (i < size && dense[i] == pc) {
                return false;
            }
            sparse[pc] = size;
            dense[size++] = pc;
            return true;
        }

        int get(int i) {
            return dense[i];
        }

        int size() {
            return size;
        }

        boolean isEmpty() {
            return size == 0;
        }

        void clear() {
            size = 0;
        }
    }

    /** Emits instructions for a tree, refusing to grow past {@link #MAX_INSTRUCTIONS}. */
    private static final class Compiler {
        private final List<Inst> code = new ArrayList<>();
        private final String pattern;

        Compiler(String pattern) {
            this.pattern = pattern;
        }

        int emit(Inst inst) throws GoRegexSyntaxException {
            if (code.size() >= MAX_INSTRUCTIONS) {
                throw new GoRegexSyntaxException(GoRegexSyntaxException.TOO_LARGE, pattern);
            }
            code.add(inst);
            return code.size() - 1;
        }

        void emitNode(RegexNode node) throws GoRegexSyntaxException {
            switch (node) {
                case RegexNode.Literal lit -> emit(new Consume(literalTest(lit)));
                case RegexNode.CharSet set -> emit(new Consume(c -> set.charClass().contains(c, set.foldCase())));
                case RegexNode.AnyChar any -> emit(new Consume(any.matchesNewline() ? c -> true : c -> c != '\n'));
                case RegexNode.Assertion a -> emit(new Check(a.kind()));
                case RegexNode.Concat concat -> {
                    for (RegexNode item : concat.items()) {
                        emitNode(item);
                    }
                }
                case RegexNode.Alternate alt -> emitAlternate(alt.options());
                case RegexNode.Repeat rep -> emitRepeat(rep);
                case RegexNode.Empty e -> { }
            }
        }

        private static CharTest literalTest(RegexNode.Literal lit) {
            int cp = lit.codePoint();
            int[] variants = lit.foldCase() ? CaseFolding.variants(cp) : new int[] {cp};
            if (variants.length == 1) {
                return c -> c == cp;
            }
            return c -> {
                for (int v : variants) {
                    if (v == c) {
                        return true;
                    }
                }
                return false;
            };
        }

        private void emitAlternate(List<RegexNode> options) throws GoRegexSyntaxException {
            List<Integer> exits = new ArrayList<>();
            for (int i = 0; i < options.size() - 1; i++) {
                int split = emit(new Match()); // placeholder, patched below
                emitNode(options.get(i));
                exits.add(emit(new Match()));
                code.set(split, new Split(split + 1, code.size()));
            }
            emitNode(options.get(options.size() - 1));
            for (int exit : exits) {
                code.set(exit, new Jump(code.size()));
            }
        }

        private void emitRepeat(RegexNode.Repeat rep) throws GoRegexSyntaxException {
            for (int i = 0; i < rep.min(); i++) {
                emitNode(rep.body());
            }
            if (rep.max() == RegexNode.Repeat.UNBOUNDED) {
                int loop = emit(new Match()); // placeholder
                emitNode(rep.body());
                emit(new Jump(loop));
                code.set(loop, new Split(loop + 1, code.size()));
                return;
            }
            List<Integer> optional = new ArrayList<>();
            for (int i = rep.min(); i < rep.max(); i++) {
                optional.add(emit(new Match())); // placeholder
                emitNode(rep.body());
            }
            for (int split : optional) {
                code.set(split, new Split(split + 1, code.size()));
            }
        }
    }
}
