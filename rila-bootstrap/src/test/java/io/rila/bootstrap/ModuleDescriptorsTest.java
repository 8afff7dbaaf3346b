package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.rila.core.frame.Frame;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module descriptors of rila-core and rila-bootstrap, read from the compiled classes (or jars)
 * that these tests run against. Tests run on the class path (see the parent pom's surefire
 * configuration), so this is where the descriptors' exports and requires are checked.
 */
class ModuleDescriptorsTest {

  private static final Set<String> SIBLINGS =
      Set.of("io.rila.features", "io.rila.bootstrap", "io.rila.spark");

  @Test
  void core_exportsApiPackagesAndInternalOnlyToSiblings() throws URISyntaxException {
    ModuleDescriptor core = descriptor(location(Frame.class), "io.rila.core");

    assertThat(unqualifiedExports(core)).isEqualTo(apiPackages(core))
        .containsExactly("io.rila.core.frame", "io.rila.core.progress", "io.rila.core.random",
            "io.rila.core.regression", "io.rila.core.stats");
    assertThat(qualifiedExports(core)).isEqualTo(Map.of("io.rila.core.internal", SIBLINGS));
    assertThat(requires(core)).containsEntry("org.slf4j", Set.of())
        .containsEntry("org.apache.commons.csv", Set.of());
  }

  @Test
  void bootstrap_exportsApiPackageOnlyAndReadsCoreTransitively() throws URISyntaxException {
    ModuleDescriptor bootstrap =
        descriptor(location(BootstrapRidgeEnsemble.class), "io.rila.bootstrap");

    assertThat(unqualifiedExports(bootstrap)).isEqualTo(apiPackages(bootstrap))
        .containsExactly("io.rila.bootstrap");
    assertThat(bootstrap.packages()).contains("io.rila.bootstrap.internal");
    assertThat(qualifiedExports(bootstrap)).isEmpty();
    assertThat(requires(bootstrap))
        .containsEntry("io.rila.core", Set.of(Requires.Modifier.TRANSITIVE))
        .containsEntry("org.slf4j", Set.of());
  }

  @Test
  void bootstrap_resolvesOnTheModulePath() throws URISyntaxException {
    // rila's compiled classes, then every jar of the test class path: the resolver takes only
    // the modules that io.rila.bootstrap requires, directly or not (commons-csv's own included).
    List<Path> path = new ArrayList<>(
        List.of(location(BootstrapRidgeEnsemble.class), location(Frame.class)));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.endsWith(".jar") && !entry.contains("rila-")) {
        path.add(Path.of(entry));
      }
    }
    ModuleFinder finder = ModuleFinder.of(path.toArray(Path[]::new));

    Configuration configuration = ModuleLayer.boot().configuration()
        .resolve(finder, ModuleFinder.of(), Set.of("io.rila.bootstrap"));

    assertThat(reads(configuration, "io.rila.bootstrap")).contains("io.rila.core", "org.slf4j");
    assertThat(reads(configuration, "io.rila.core"))
        .contains("org.apache.commons.csv", "org.slf4j");
  }

  private static Set<String> reads(Configuration configuration, String module) {
    return configuration.findModule(module).orElseThrow().reads().stream()
        .map(ResolvedModule::name)
        .collect(Collectors.toSet());
  }

  private static Path location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static ModuleDescriptor descriptor(Path location, String name) {
    ModuleDescriptor descriptor =
        ModuleFinder.of(location).findAll().iterator().next().descriptor();
    assertThat(descriptor.name()).isEqualTo(name);
    assertThat(descriptor.isAutomatic()).as("%s has a module-info", name).isFalse();
    return descriptor;
  }

  private static Set<String> apiPackages(ModuleDescriptor descriptor) {
    return descriptor.packages().stream()
        .filter(p -> !p.contains(".internal"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> unqualifiedExports(ModuleDescriptor descriptor) {
    return descriptor.exports().stream()
        .filter(e -> !e.isQualified())
        .map(Exports::source)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Map<String, Set<String>> qualifiedExports(ModuleDescriptor descriptor) {
    Map<String, Set<String>> exports = new TreeMap<>();
    for (Exports e : descriptor.exports()) {
      if (e.isQualified()) {
        exports.put(e.source(), e.targets());
      }
    }
    return exports;
  }

  private static Map<String, Set<Requires.Modifier>> requires(ModuleDescriptor descriptor) {
    Map<String, Set<Requires.Modifier>> requires = new TreeMap<>();
    for (Requires r : descriptor.requires()) {
      requires.put(r.name(), r.modifiers());
    }
    return requires;
  }
}
