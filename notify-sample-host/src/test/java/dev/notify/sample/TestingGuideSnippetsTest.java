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

/** Every Java example in notify-testkit's TESTING.md is code of a test in this module, so it compiles and runs. */
class TestingGuideSnippetsTest {

    private static final Path GUIDE = Path.of("..", "notify-testkit", "TESTING.md");
    private static final Path TESTS = Path.of("src", "test", "java");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaExampleOfTheGuideIsInATestOfThisModule() throws IOException {
        List<String> examples = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(Files.readString(GUIDE));
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
