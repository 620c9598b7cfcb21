package dev.notify.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every Java example in the README's "Testing your application" is code of a test in this module, so it runs. */
class TestingGuideSnippetsTest {

    private static final Path GUIDE = Path.of("..", "README.md");
    private static final Pattern SECTION = Pattern.compile("\\n## Testing your application\\n(.*?)(\\n## |\\z)", Pattern.DOTALL);
    private static final Path TESTS = Path.of("src", "test", "java");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaExampleOfTheGuideIsInATestOfThisModule() throws IOException {
        List<String> examples = new ArrayList<>();
        Matcher section = SECTION.matcher(Files.readString(GUIDE));
        assertThat(section.find()).as("a '## Testing your application' section in " + GUIDE).isTrue();
        Matcher m = JAVA_BLOCK.matcher(section.group(1));
        while (m.find()) {
            examples.add(m.group(1));
        }
        String tests;
        try (Stream<Path> files = Files.walk(TESTS)) {
            tests = normalize(String.join("\n", files.filter(p -> p.toString().endsWith(".java")).sorted()
                    .map(TestingGuideSnippetsTest::read).toList()));
        }

        assertThat(examples).as("Java examples in " + GUIDE).hasSizeGreaterThanOrEqualTo(5);
        assertThat(examples).allSatisfy(example -> assertThat(tests).as("test sources").contains(normalize(example)));
    }

    private static String normalize(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("// snippet")
                && !l.startsWith("// end-snippet") && !l.equals("// ...")).reduce("", (a, b) -> a + b + "\n");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
