package io.github.springsocketio.annotation;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The complete Java examples of the user documents (every {@code java} block that starts with a
 * {@code package} line) compile against the starter and its documented dependencies, as a user copies them.
 */
class DocumentationSnippetsTests {

	private static final Pattern COMPLETE_JAVA_BLOCK = Pattern.compile("```java\n(package .*?)```", Pattern.DOTALL);

	@TempDir
	Path output;

	@ParameterizedTest
	@ValueSource(strings = { "README.md", "docs/getting-started.md", "docs/handlers.md", "docs/security.md",
			"docs/clustering.md" })
	void completeJavaExamplesCompile(String document) throws IOException {
		List<JavaFileObject> sources = snippets(Path.of("..").resolve(document));
		assertThat(sources).as("%s shows at least one complete Java example", document).isNotEmpty();
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, null)) {
			files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(this.output.toFile()));
			files.setLocation(StandardLocation.CLASS_PATH, classPath());
			boolean compiled = compiler.getTask(null, files, diagnostics, List.of("-proc:none"), null, sources).call();
			assertThat(compiled).as("%s compiles: %s", document, diagnostics.getDiagnostics()).isTrue();
		}
	}

	private static List<JavaFileObject> snippets(Path document) throws IOException {
		List<JavaFileObject> sources = new ArrayList<>();
		Matcher block = COMPLETE_JAVA_BLOCK.matcher(Files.readString(document));
		while (block.find()) {
			String code = block.group(1);
			Matcher type = Pattern.compile("(?m)^(?:public )?(?:class|record|interface) (\\w+)").matcher(code);
			assertThat(type.find()).as("a top-level type in %s", code).isTrue();
			// Each example is its own package, so two documents may both show a ChatHandlers.
			String packaged = code.replaceFirst("package ([\\w.]+);", "package $1.example" + sources.size() + ";");
			sources.add(new SimpleJavaFileObject(
					URI.create("string:///" + type.group(1) + sources.size() + ".java"),
					JavaFileObject.Kind.SOURCE) {
				@Override
				public CharSequence getCharContent(boolean ignoreEncodingErrors) {
					return packaged;
				}
			});
		}
		return sources;
	}

	/** Surefire may run the tests from a manifest-only jar; its own property holds the real class path. */
	private static List<File> classPath() {
		String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Pattern.compile(File.pathSeparator).splitAsStream(path).map(File::new).toList();
	}

}
