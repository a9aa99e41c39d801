/*
 * Glob: Redis-style pattern matching (*, ?, [abc], [^a-z], \x) used by
 * CONFIG GET. Matching ignores case, since directive names are lowercase
 * and users type them any way.
 */
package dev.disque.server.core;

public final class Glob {
    private Glob() {
    }

    public static boolean matches(String pattern, String s) {
        return match(pattern.toLowerCase(java.util.Locale.ROOT), 0, s.toLowerCase(java.util.Locale.ROOT), 0);
    }

    private static boolean match(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            switch (c) {
                case '*':
                    while (pi + 1 < p.length() && p.charAt(pi + 1) == '*') pi++;
                    if (pi + 1 == p.length()) return true;
                    for (int k = si; k <= s.length(); k++) {
                        if (match(p, pi + 1, s, k)) return true;
                    }
                    return false;
                case '?':
                    if (si >= s.length()) return false;
                    si++;
                    break;
                case '[': {
                    if (si >= s.length()) return false;
                    int end = p.indexOf(']', pi + 1);
                    if (end < 0) return false;
                    boolean negate = pi + 1 < end && p.charAt(pi + 1) == '^';
                    int start = negate ? pi + 2 : pi + 1;
                    boolean hit = false;
                    char x = s.charAt(si);
                    for (int k = start; k < end; k++) {
                        if (k + 2 < end && p.charAt(k + 1) == '-') {
                            if (x >= p.charAt(k) && x <= p.charAt(k + 2)) hit = true;
                            k += 2;
                        } else if (p.charAt(k) == x) {
                            hit = true;
                        }
                    }
                    if (hit == negate) return false;
                    si++;
                    pi = end;
                    break;
                }
                case '\\':
                    if (pi + 1 < p.length()) {
                        pi++;
                        c = p.charAt(pi);
                    }
                    if (si >= s.length() || s.charAt(si) != c) return false;
                    si++;
                    break;
                default:
                    if (si >= s.length() || s.charAt(si) != c) return false;
                    si++;
            }
            pi++;
        }
        return si == s.length();
    }
}
