package dev.bucketproof.bucketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's usage example compiles and runs as written, and the errors it quotes are the real
 * ones.
 */
class ReadmeExampleTest {
  private static final Path README = Path.of("..", "README.md");

  @TempDir Path directory;

  @Test
  void theUsageExampleCompilesAndPrintsTheExplanation() throws Exception {
    String example = usageExample();
    int firstStatement =
        example.indexOf('\n', example.indexOf("import dev.bucketproof.bucketing.*;"));
    String source =
        "import dev.bucketproof.bucketing.*;\n\npublic class ReadmeExample {\n"
            + "  public static void main(String[] args) {\n"
            + example.substring(firstStatement)
            + "\n  }\n}\n";
    Path file = directory.resolve("ReadmeExample.java");
    Files.writeString(file, source);
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int status =
        compiler.run(
            null,
            null,
            diagnostics,
            "-classpath",
            System.getProperty("java.class.path"),
            "-d",
            directory.toString(),
            file.toString());
    assertEquals(0, status, "README example does not compile:\n" + source + "\n" + diagnostics);

    String printed = runMain(directory);
    String expected =
        Bucketer.standard()
            .explain(Rollout.ofPercent("new-checkout", 5), null, "user-42")
            .describe();
    assertEquals(expected, printed);
    assertTrue(printed.contains("key        new-checkout:user-42"), printed);
  }

  @Test
  void theQuotedErrorMessagesAreTheRealOnes() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    List<String> actual =
        List.of(
            assertThrows(IllegalArgumentException.class, () -> Rollout.ofPercent("flag", 100.5))
                .getMessage(),
            assertThrows(IllegalArgumentException.class, () -> Bucketer.builder().bucketCount(0))
                .getMessage(),
            assertThrows(
                    IllegalArgumentException.class,
                    () -> Bucketer.standard().rollout(Rollout.ofPercent("flag", 5.25)))
                .getMessage());
    String flattened = readme.replaceAll("\\s+", " ");
    for (String message : actual) {
      assertTrue(flattened.contains("`" + message + "`"), "README should quote: " + message);
    }
  }

  private static String usageExample() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher block =
        Pattern.compile("## Usage\\s+```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(block.find(), "README has a ## Usage section with a java block");
    return block.group(1);
  }

  private static String runMain(Path classes) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, ReadmeExampleTest.class.getClassLoader())) {
      Method main = loader.loadClass("ReadmeExample").getMethod("main", String[].class);
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
