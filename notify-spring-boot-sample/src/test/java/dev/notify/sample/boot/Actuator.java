package dev.notify.sample.boot;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The actuator's endpoints as an operator reads them over JMX. Each test class gives its context a JMX domain of
 * its own ({@code management.endpoints.jmx.domain}), since cached contexts live side by side.
 */
final class Actuator {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final String domain;

    Actuator(String domain) {
        this.domain = domain;
    }

    /** The health endpoint's answer: {@code status} and {@code components}. */
    Map<String, Object> health() {
        return map(invoke("Health", "health"));
    }

    /** The metrics endpoint's answer for one metric: {@code measurements} and {@code availableTags}. */
    Map<String, Object> metric(String name, String... tags) {
        return map(invoke("Metrics", "metric", name, tags.length == 0 ? null : List.of(tags)));
    }

    /** The COUNT measurement of a metric. */
    double count(String name, String... tags) {
        for (Object measurement : list(metric(name, tags).get("measurements"))) {
            Map<String, Object> m = map(measurement);
            if ("COUNT".equals(m.get("statistic"))) {
                return ((Number) m.get("value")).doubleValue();
            }
        }
        throw new AssertionError("no COUNT for " + name);
    }

    /** The tags of a metric, each with the values recorded. */
    Map<String, List<String>> tags(String name) {
        Map<String, List<String>> tags = new LinkedHashMap<>();
        for (Object tag : list(metric(name).get("availableTags"))) {
            Map<String, Object> t = map(tag);
            List<String> values = new ArrayList<>();
            list(t.get("values")).forEach(v -> values.add(String.valueOf(v)));
            tags.put(String.valueOf(t.get("tag")), values);
        }
        return tags;
    }

    private Object invoke(String endpoint, String operation, Object... arguments) {
        try {
            ObjectName name = new ObjectName(domain + ":type=Endpoint,name=" + endpoint);
            for (MBeanOperationInfo info : server.getMBeanInfo(name).getOperations()) {
                if (info.getName().equals(operation) && info.getSignature().length == arguments.length) {
                    String[] signature = new String[arguments.length];
                    for (int i = 0; i < arguments.length; i++) {
                        signature[i] = info.getSignature()[i].getType();
                    }
                    return server.invoke(name, operation, arguments, signature);
                }
            }
            throw new AssertionError("no operation " + operation + " on " + name);
        } catch (JMException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
