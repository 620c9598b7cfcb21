package dev.notify.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The README's "Testing your application" section lists every optional dependency of the test kit with the
 * version the root pom manages, so a host developer need not read the pom.
 */
class ReadmeTestDependenciesTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern ROW = Pattern.compile("^\\|[^|]*\\| `([^`]+)` \\| `([^`]+)` \\| `([^`]+)` \\|$",
            Pattern.MULTILINE);
    private static final Pattern PROPERTY_REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

    @Test
    void readmeListsTheTestKitsOptionalDependenciesWithTheRootPomsVersions() throws Exception {
        Map<String, String> managed = managedVersions(parse(ROOT.resolve("pom.xml")));
        Map<String, String> expected = new LinkedHashMap<>();
        for (Element dependency : dependencies(parse(Path.of("pom.xml")).getDocumentElement())) {
            if ("true".equals(text(dependency, "optional"))) {
                String coordinates = text(dependency, "groupId") + ":" + text(dependency, "artifactId");
                expected.put(coordinates, versionOf(coordinates, managed));
            }
        }

        Map<String, String> listed = readmeTable(testingSection(Files.readString(ROOT.resolve("README.md"))));

        assertThat(expected).as("optional dependencies of notify-testkit/pom.xml").isNotEmpty();
        assertThat(listed).as("the README's table under 'Testing your application' (groupId:artifactId -> version), "
                + "against notify-testkit's optional dependencies and the root pom's versions")
                .containsExactlyInAnyOrderEntriesOf(expected);
    }

    private static String testingSection(String readme) {
        int start = readme.indexOf("\n## Testing your application");
        assertThat(start).as("README section 'Testing your application'").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return end < 0 ? readme.substring(start) : readme.substring(start, end);
    }

    private static Map<String, String> readmeTable(String section) {
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            rows.put(row.group(1) + ":" + row.group(2), row.group(3));
        }
        return rows;
    }

    /**
     * The version the root pom gives {@code groupId:artifactId}: its own dependencyManagement entry, else the
     * imported BOM of the same group family ({@code org.junit:junit-bom} for {@code org.junit.jupiter}).
     */
    private static String versionOf(String coordinates, Map<String, String> managed) {
        String version = managed.get(coordinates);
        if (version != null) {
            return version;
        }
        String group = coordinates.substring(0, coordinates.indexOf(':'));
        return managed.entrySet().stream()
                .filter(e -> e.getKey().endsWith("-bom")
                        && group.startsWith(e.getKey().substring(0, e.getKey().indexOf(':'))))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the root pom manages no version of " + coordinates));
    }

    private static Map<String, String> managedVersions(Document rootPom) {
        Element project = rootPom.getDocumentElement();
        Map<String, String> properties = new HashMap<>();
        for (Element property : children(child(project, "properties"))) {
            properties.put(property.getTagName(), property.getTextContent().strip());
        }
        Map<String, String> versions = new HashMap<>();
        for (Element dependency : dependencies(child(project, "dependencyManagement"))) {
            String version = text(dependency, "version");
            Matcher reference = PROPERTY_REFERENCE.matcher(version);
            versions.put(text(dependency, "groupId") + ":" + text(dependency, "artifactId"),
                    reference.matches() ? properties.get(reference.group(1)) : version);
        }
        return versions;
    }

    private static List<Element> dependencies(Element parent) {
        return children(child(parent, "dependencies"));
    }

    private static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static Element child(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getTagName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">"));
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                elements.add((Element) nodes.item(i));
            }
        }
        return elements;
    }

    private static String text(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getTagName().equals(name)).findFirst()
                .map(e -> e.getTextContent().strip()).orElse("");
    }
}
