package io.consulate.state;

/** One transaction operation failed; the message is Consul's error text for it. Carries no stack trace. */
public final class TxnOpFailed extends RuntimeException {
    public TxnOpFailed(String what) {
        super(what, null, false, false);
    }

    /** Go's {@code %q} for the strings that appear in Consul's error texts. */
    public static String q(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
