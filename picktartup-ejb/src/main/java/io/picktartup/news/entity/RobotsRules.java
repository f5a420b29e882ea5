package io.picktartup.news.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a site's robots.txt lets our crawler read (RFC 9309). The group naming our product token wins over the
 * {@code *} group; within the chosen group(s) the longest matching rule decides, an Allow winning a tie; {@code *}
 * in a rule matches any characters and a final {@code $} anchors the end. No matching rule: allowed.
 */
public final class RobotsRules {

    /** A site without robots.txt (or one answering 4xx): everything is allowed. */
    public static final RobotsRules ALLOW_ALL = new RobotsRules(List.of());

    private record Rule(boolean allow, String pattern) {
    }

    private final List<Rule> rules;

    private RobotsRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The rules in {@code robotsTxt} that apply to {@code productToken} (e.g. "PicktartupBot"). */
    public static RobotsRules parse(String robotsTxt, String productToken) {
        String ours = productToken.toLowerCase(Locale.ROOT);
        var mine = new ArrayList<Rule>();
        var star = new ArrayList<Rule>();
        boolean sawMine = false;
        // the current group: the user agents named in a row, then their rules
        var agents = new ArrayList<String>();
        boolean inRules = false;
        for (String rawLine : robotsTxt.split("\\r\\n|\\r|\\n")) {
            String line = rawLine;
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (key.equals("user-agent")) {
                if (inRules) {
                    agents.clear();
                    inRules = false;
                }
                agents.add(value.toLowerCase(Locale.ROOT));
                if (ours.startsWith(value.toLowerCase(Locale.ROOT)) && !value.equals("*") && !value.isEmpty()) {
                    sawMine = true;
                }
            } else if (key.equals("allow") || key.equals("disallow")) {
                inRules = true;
                if (value.isEmpty()) {
                    continue; // "Disallow:" with nothing allows everything: no rule
                }
                var rule = new Rule(key.equals("allow"), value);
                for (String agent : agents) {
                    if (agent.equals("*")) {
                        star.add(rule);
                    } else if (!agent.isEmpty() && ours.startsWith(agent)) {
                        mine.add(rule);
                    }
                }
            }
        }
        return new RobotsRules(sawMine ? mine : star);
    }

    /** Whether the path (with its query, e.g. "/news/1?page=2") may be fetched. */
    public boolean allows(String pathAndQuery) {
        String path = pathAndQuery == null || pathAndQuery.isEmpty() ? "/" : pathAndQuery;
        Rule best = null;
        int bestLength = -1;
        for (Rule rule : rules) {
            if (matches(rule.pattern(), path)) {
                int length = rule.pattern().length();
                if (length > bestLength || (length == bestLength && rule.allow())) {
                    best = rule;
                    bestLength = length;
                }
            }
        }
        return best == null || best.allow();
    }

    private static boolean matches(String pattern, String path) {
        boolean anchored = pattern.endsWith("$");
        String p = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
        return matchesAt(p, 0, path, 0, anchored);
    }

    private static boolean matchesAt(String p, int pi, String s, int si, boolean anchored) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = si; k <= s.length(); k++) {
                    if (matchesAt(p, pi + 1, s, k, anchored)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length() || s.charAt(si) != c) {
                return false;
            }
            pi++;
            si++;
        }
        return !anchored || si == s.length();
    }
}
