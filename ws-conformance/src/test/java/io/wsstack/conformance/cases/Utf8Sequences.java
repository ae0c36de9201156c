package io.wsstack.conformance.cases;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The byte sequences of Autobahn cases 6.5–6.23, in their order and numbering, drawn from Markus
 * Kuhn's UTF-8 decoder stress test: each is sent as one text frame and must be echoed when valid
 * UTF-8 (RFC 3629) or fail the connection with 1007 when not.
 */
final class Utf8Sequences {

    /** One case: its Autobahn number, whether the bytes are valid UTF-8, and the bytes. */
    record Sequence(String caseNumber, boolean valid, byte[] bytes) {
        @Override
        public String toString() {
            return caseNumber + (valid ? " valid " : " invalid ") + HexFormat.of().formatHex(bytes);
        }
    }

    private final List<Sequence> all = new ArrayList<>();
    private int group = 5;
    private int index;

    private Utf8Sequences() {
    }

    static List<Sequence> all() {
        Utf8Sequences s = new Utf8Sequences();
        byte[] kosme = hex("cebae1bdb9cf83cebcceb5");
        // 6.5: some valid text
        s.valid("68656c6c6f24776f726c64", "68656c6c6fc2a2776f726c64", "68656c6c6fe282ac776f726c64",
                "68656c6c6ff0a4ada2776f726c64", "cebae1bdb9cf83cebcceb5");
        // 6.6: every prefix of "κόσμε"; those ending inside a character are invalid
        s.next();
        int[] boundaries = {2, 5, 7, 9, 11};
        for (int n = 1; n <= kosme.length; n++) {
            boolean complete = false;
            for (int b : boundaries) {
                complete |= b == n;
            }
            s.add(complete, Arrays.copyOf(kosme, n));
        }
        s.next().valid("00", "c280", "e0a080", "f0908080");          // 6.7 first sequence of each length
        s.next().invalid("f888808080", "fc8480808080");             // 6.8 five and six bytes
        s.next().valid("7f", "dfbf", "efbfbf", "f48fbfbf");         // 6.9 last sequence of each length
        s.next().invalid("f7bfbfbf", "fbbfbfbfbf", "fdbfbfbfbfbf"); // 6.10 beyond U+10FFFF
        s.next().valid("ed9fbf", "ee8080", "efbfbd", "f48fbfbf");   // 6.11 other boundaries
        s.add(false, hex("f4908080"));
        s.next().invalid("80", "bf", "80bf", "80bf80", "80bf80bf", "80bf80bf80", "80bf80bf80bf"); // 6.12 stray continuations
        s.add(false, range(0x80, 0xbf, false));
        s.next();                                                     // 6.13 lonely start bytes, each followed by a space
        int[][] starts = {{0xc0, 0xdf}, {0xe0, 0xef}, {0xf0, 0xf7}, {0xf8, 0xfb}, {0xfc, 0xfd}};
        for (int[] r : starts) {
            s.add(false, range(r[0], r[1], true));
        }
        String[] cut = {"c0", "e080", "f08080", "f8808080", "fc80808080", "df", "efbf", "f7bfbf", "fbbfbfbf", "fdbfbfbfbf"};
        s.next().invalid(cut);                                        // 6.14 last continuation byte missing
        s.next().invalid(String.join("", cut));                      // 6.15 all of them concatenated
        s.next().invalid("fe", "ff", "fefeffff");                    // 6.16 impossible bytes
        s.next().invalid("c0af", "e080af", "f08080af", "f8808080af", "fc80808080af");     // 6.17 overlong '/'
        s.next().invalid("c1bf", "e09fbf", "f08fbfbf", "f887bfbfbf", "fc83bfbfbfbf");     // 6.18 maximum overlong
        s.next().invalid("c080", "e08080", "f0808080", "f880808080", "fc8080808080");     // 6.19 overlong NUL
        s.next().invalid("eda080", "edadbf", "edae80", "edafbf", "edb080", "edbe80", "edbfbf"); // 6.20 lone surrogates
        s.next().invalid("eda080edb080", "eda080edbfbf", "edadbfedb080", "edadbfedbfbf",   // 6.21 paired surrogates
                "edae80edb080", "edae80edbfbf", "edafbfedb080", "edafbfedbfbf");
        s.next().valid("efbfbe", "efbfbf");                          // 6.22 noncharacters: valid UTF-8
        for (String z1 : new String[] {"f0", "f1", "f2", "f3", "f4"}) {
            for (String z2 : new String[] {"8f", "9f", "af", "bf"}) {
                if (z1.equals("f4") && !z2.equals("8f")) {
                    continue; // above U+10FFFF
                }
                for (String z3 : new String[] {"be", "bf"}) {
                    if (z1.equals("f0") && z2.equals("8f")) {
                        continue; // overlong
                    }
                    s.add(true, hex(z1 + z2 + "bf" + z3));
                }
            }
        }
        s.next().valid("efbfb9", "efbfba", "efbfbb", "efbfbc", "efbfbd", "efbfbe", "efbfbf"); // 6.23 specials
        return List.copyOf(s.all);
    }

    private Utf8Sequences next() {
        group++;
        index = 0;
        return this;
    }

    private void add(boolean valid, byte[] bytes) {
        all.add(new Sequence("6." + group + "." + ++index, valid, bytes));
    }

    private Utf8Sequences valid(String... hex) {
        for (String h : hex) {
            add(true, hex(h));
        }
        return this;
    }

    private Utf8Sequences invalid(String... hex) {
        for (String h : hex) {
            add(false, hex(h));
        }
        return this;
    }

    /** Bytes from {@code from} up to but not including {@code to}, each followed by a space if asked (as Autobahn builds them). */
    private static byte[] range(int from, int to, boolean spaces) {
        byte[] out = new byte[(to - from) * (spaces ? 2 : 1)];
        int at = 0;
        for (int b = from; b < to; b++) {
            out[at++] = (byte) b;
            if (spaces) {
                out[at++] = ' ';
            }
        }
        return out;
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
