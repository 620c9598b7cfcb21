package dev.notify.settings;

import dev.notify.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the cycles of {@code servers.<id>.inherits}, each server visited once: one problem per cycle, naming its
 * first {@value #NAMED_MEMBERS} members and how many it has.
 */
final class InheritanceCycles {

    static final int NAMED_MEMBERS = 10;

    private InheritanceCycles() {
    }

    /** @param parents server id to the id it inherits from */
    static List<Problem> find(Map<String, String> parents) {
        List<Problem> problems = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Map<String, Integer> onPath = new HashMap<>();
        List<String> path = new ArrayList<>();
        for (String start : parents.keySet()) {
            String current = start;
            while (current != null && !done.contains(current) && !onPath.containsKey(current)) {
                onPath.put(current, path.size());
                path.add(current);
                current = parents.get(current);
            }
            if (current != null && onPath.containsKey(current)) {
                problems.add(cycle(path.subList(onPath.get(current), path.size())));
            }
            for (String visited : path) {
                onPath.remove(visited);
                done.add(visited);
            }
            path.clear();
        }
        return problems;
    }

    private static Problem cycle(List<String> members) {
        String entry = members.get(0);
        StringBuilder message = new StringBuilder("inheritance forms a cycle of ").append(members.size())
                .append(members.size() == 1 ? " server: " : " servers: ");
        for (String member : members.subList(0, Math.min(NAMED_MEMBERS, members.size()))) {
            message.append(member).append(" -> ");
        }
        message.append(members.size() > NAMED_MEMBERS ? "… (" + (members.size() - NAMED_MEMBERS) + " more) -> " : "")
                .append(entry);
        return new Problem("servers." + entry + ".inherits", message.toString());
    }
}
