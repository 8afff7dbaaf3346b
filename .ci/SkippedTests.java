import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Fails (exit status 1) when a test other than the allowed opt-in ones was skipped, naming each
 * skipped test and the reason surefire recorded. Reads every
 * {@code MODULE/target/surefire-reports/TEST-*.xml} under the folder given as the only argument
 * (default: the working directory); finding no report at all is an error too.
 *
 * <p>Run with the JDK's source launcher, after {@code mvn -B verify}:
 * {@code java .ci/SkippedTests.java .}
 */
public final class SkippedTests {

  /**
   * Tests allowed to skip: none. The opt-in studies (-Drila.coverageStudy=N and the conformal
   * ones) are tagged "study" and left out of builds by the parent pom, so they never reach the
   * reports unless asked for.
   */
  private static final Set<String> ALLOWED = Set.of();

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    if (!Files.isDirectory(root)) {
      System.err.println(
          "skipped-tests: " + root + ": not a folder (expected: the repository root)");
      System.exit(1);
    }
    List<Path> reports = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : (Iterable<Path>) modules::iterator) {
        Path dir = module.resolve("target").resolve("surefire-reports");
        if (Files.isDirectory(dir)) {
          try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> {
              String name = f.getFileName().toString();
              return name.startsWith("TEST-") && name.endsWith(".xml");
            }).sorted().forEach(reports::add);
          }
        }
      }
    }
    if (reports.isEmpty()) {
      System.err.println("skipped-tests: no */target/surefire-reports/TEST-*.xml under "
          + root.toAbsolutePath() + " (expected: run after mvn -B verify)");
      System.exit(1);
    }
    int tests = 0;
    List<String> allowed = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    for (Path report : reports) {
      NodeList cases = parse(factory, report).getElementsByTagName("testcase");
      for (int i = 0; i < cases.getLength(); i++) {
        Element testcase = (Element) cases.item(i);
        tests++;
        NodeList skip = testcase.getElementsByTagName("skipped");
        if (skip.getLength() == 0) {
          continue;
        }
        String name = testcase.getAttribute("classname") + "#"
            + testcase.getAttribute("name").replaceAll("\\(.*$", "");
        String reason = ((Element) skip.item(0)).getAttribute("message");
        String line = name + (reason.isEmpty() ? "" : " (" + reason + ")");
        (ALLOWED.contains(name) ? allowed : skipped).add(line);
      }
    }
    System.out.printf("skipped-tests: %d tests in %d reports, %d skipped as allowed%s%n", tests,
        reports.size(), allowed.size(), allowed.isEmpty() ? "" : ": " + String.join(", ", allowed));
    if (!skipped.isEmpty()) {
      System.err.printf("skipped-tests: %d test(s) skipped (expected: none%s):%n",
          skipped.size(), ALLOWED.isEmpty() ? "" : " but " + ALLOWED);
      skipped.forEach(s -> System.err.println("  " + s));
      System.exit(1);
    }
  }

  private static org.w3c.dom.Document parse(DocumentBuilderFactory factory, Path report)
      throws Exception {
    try {
      return factory.newDocumentBuilder().parse(report.toFile());
    } catch (IOException e) {
      throw new IOException(report + ": unreadable surefire report", e);
    }
  }
}
