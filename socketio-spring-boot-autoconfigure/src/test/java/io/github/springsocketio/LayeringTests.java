package io.github.springsocketio;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The layers of the protocol stay apart, each depending only on those below it: engine → protocol → server →
 * adapter → admin UI → annotation → security → auto-configuration, metrics and actuator. Only the top layer knows
 * Spring Boot, and only the security layer and the top know Spring Security.
 */
class LayeringTests {

	private static final String BASE = "io.github.springsocketio.";

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.springsocketio");

	@Test
	void eachLayerDependsOnlyOnTheLayersBelow() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("engine").definedBy(BASE + "engine..")
			.layer("protocol").definedBy(BASE + "protocol..")
			.layer("server").definedBy(BASE + "server..")
			.layer("adapter").definedBy(BASE + "adapter..")
			.layer("admin").definedBy(BASE + "admin..")
			.layer("annotation").definedBy(BASE + "annotation..")
			.layer("security").definedBy(BASE + "security..")
			.layer("top").definedBy(BASE + "autoconfigure..", BASE + "metrics..", BASE + "actuate..")
			.whereLayer("top").mayNotBeAccessedByAnyLayer()
			.whereLayer("security").mayOnlyBeAccessedByLayers("top")
			.whereLayer("admin").mayOnlyBeAccessedByLayers("top")
			.whereLayer("annotation").mayOnlyBeAccessedByLayers("security", "top")
			.whereLayer("adapter").mayOnlyBeAccessedByLayers("annotation", "security", "top")
			.whereLayer("server").mayOnlyBeAccessedByLayers("adapter", "admin", "annotation", "security", "top")
			.whereLayer("protocol")
			.mayOnlyBeAccessedByLayers("server", "adapter", "admin", "annotation", "security", "top")
			.check(CLASSES);
	}

	@Test
	void onlyTheTopLayerKnowsSpringBoot() {
		noClasses().that()
			.resideInAnyPackage(BASE + "engine..", BASE + "protocol..", BASE + "server..", BASE + "adapter..",
					BASE + "admin..", BASE + "annotation..", BASE + "security..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.boot..")
			.check(CLASSES);
	}

	@Test
	void onlyTheSecurityLayerAndTheTopKnowSpringSecurity() {
		noClasses().that()
			.resideInAnyPackage(BASE + "engine..", BASE + "protocol..", BASE + "server..", BASE + "adapter..",
					BASE + "admin..", BASE + "annotation..", BASE + "metrics..", BASE + "actuate..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.security..")
			.check(CLASSES);
	}

	@Test
	void metricsAndActuatorDoNotDependOnTheAutoConfiguration() {
		noClasses().that()
			.resideInAnyPackage(BASE + "metrics..", BASE + "actuate..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(BASE + "autoconfigure..")
			.check(CLASSES);
	}

}
